; KISSlicer - FREE
; Windows
; version 2 a 2.0.6 Win64
; Built: May 23 2020, 15:05:59
; Running on 24 cores
;
; Saved: 2021-09-03 12:49:09
; 'kisslicer.2.0.6.gcode'
;
; Anti-shrink gain x=1.000000, y=1.000000, z=1.000000
;
; *** Printer Settings ***
;
; printer_name = Test
; profile_date = 2021-09-03 12:48:50
; bed_STL_filename = 
; extension = gcode
; cost_per_hour = 0
; g_code_prefix = 3B205B6D6D5D206D6F64650A4732310A3B204162736F
; ^   6C75746520706F736974696F6E206D6F64650A4739300A3B2052656C
; ^   6174697665204578747275646572206D6F64650A4D38330A3B205374
; ^   6172742068656174696E6720746865204265640A4D31343020533C42
; ^   45443E0A3B20486F6D652074686520617865730A4732380A3B205761
; ^   69742074696C6C2074686520426564206973206865617465640A4D31
; ^   393020533C4245443E0A3B20486561746564206368616D6265722047
; ^   2D636F6465206973206E6F7420756E6976657273616C0A3B4D313431
; ^   20533C424F583E0A3B4D31393120533C424F583E0A
; > Decoded
; >   ; [mm] mode
; >   G21
; >   ; Absolute position mode
; >   G90
; >   ; Relative Extruder mode
; >   M83
; >   ; Start heating the Bed
; >   M140 S<BED>
; >   ; Home the axes
; >   G28
; >   ; Wait till the Bed is heated
; >   M190 S<BED>
; >   ; Heated chamber G-code is not universal
; >   ;M141 S<BOX>
; >   ;M191 S<BOX>
; g_code_preheat = NULL
; > Decoded
; g_code_warm = 3B204865616420746F20746865207374617274206F6620
; ^   746865206E65787420706174680A473120583C4E455854583E20593C
; ^   4E455854593E2046363030300A47342050300A3B2053656C65637420
; ^   74686520546F6F6C20286578747275646572290A543C4558542B303E
; ^   0A3B20436F727265637420706F736974696F6E20666F72206D756C74
; ^   692D6E6F7A7A6C650A473120583C4E455854583E20593C4E45585459
; ^   3E2046363030300A47342050300A3B205365742074656D7020616E64
; ^   207468656E20776169740A4D31303420533C54454D503E0A4D313039
; ^   20533C54454D503E0A3B205055524745204F52205052494D45204845
; ^   524520494620444553495245440A
; > Decoded
; >   ; Head to the start of the next path
; >   G1 X<NEXTX> Y<NEXTY> F6000
; >   G4 P0
; >   ; Select the Tool (extruder)
; >   T<EXT+0>
; >   ; Correct position for multi-nozzle
; >   G1 X<NEXTX> Y<NEXTY> F6000
; >   G4 P0
; >   ; Set temp and then wait
; >   M104 S<TEMP>
; >   M109 S<TEMP>
; >   ; PURGE OR PRIME HERE IF DESIRED
; g_code_same_warm = 3B204D6F766520746F20746865207374617274206
; ^   F6620746865206E65787420706174680A473120583C4E455854583E2
; ^   0593C4E455854593E2046363030300A47342050300A3B2053616D652
; ^   065787472756465722C207761726D20616E6420776169740A4D31303
; ^   420533C54454D503E0A4D31303920533C54454D503E
; > Decoded
; >   ; Move to the start of the next path
; >   G1 X<NEXTX> Y<NEXTY> F6000
; >   G4 P0
; >   ; Same extruder, warm and wait
; >   M104 S<TEMP>
; >   M109 S<TEMP>
; g_code_same_cool = 3B2053616D652065787472756465722C20636F6F6
; ^   C20286E6F2077616974290A47342050300A4D31303420533C54454D5
; ^   03E0A
; > Decoded
; >   ; Same extruder, cool (no wait)
; >   G4 P0
; >   M104 S<TEMP>
; g_code_cool = 3B2053616D652065787472756465722C2061626F757420
; ^   746F20646573656C6563742C206D6179626520726574726163742062
; ^   65666F726520636F6F6C696E6720646F776E0A3B2052455452414354
; ^   204845524520494620594F552057414E540A47342050300A4D313034
; ^   20533C54454D503E0A
; > Decoded
; >   ; Same extruder, about to deselect, maybe retract before
; >    cooling down
; >   ; RETRACT HERE IF YOU WANT
; >   G4 P0
; >   M104 S<TEMP>
; g_code_N_layers = NULL
; > Decoded
; g_code_postfix = 3B20416C6C206578747275646572732061726520726
; ^   574697265640A3B204D6F7665207468652068656164207570202F206
; ^   2656420646F776E0A4739310A4731205A2B31300A4739300A3B20747
; ^   5726E206F666620746865206265642026206368616D62657220286D6
; ^   16368696E65207370656369666963290A4D3134302053300A3B4D313
; ^   4312053300A3B2046494C4C205448495320494E204153204E4545444
; ^   544
; > Decoded
; >   ; All extruders are retired
; >   ; Move the head up / bed down
; >   G91
; >   G1 Z+10
; >   G90
; >   ; turn off the bed & chamber (machine specific)
; >   M140 S0
; >   ;M141 S0
; >   ; FILL THIS IN AS NEEDED
; g_code_pause = 3B205061757365207468656E20526573756D650A3B207
; ^   57375616C6C79204D3020287479706963616C29206F72204D3120286
; ^   C65737320636F6D6D6F6E29206F72204D32323620286C65617374207
; ^   06F727461626C65290A4D300A
; > Decoded
; >   ; Pause then Resume
; >   ; usually M0 (typical) or M1 (less common) or M226 (leas
; >   t portable)
; >   M0
; post_process = NULL
; > Decoded
; printer_ID_string = NULL
; > Decoded
; every_N_layers = 0
; num_extruders = 1
; firmware_type = 1
; add_comments = 1
; enable_equation_parser = 0
; g4p_uses_seconds = 0
; fan_on = M106
; fan_off = M107
; fan_pwm = 1
; arc_export_mode = 0
; add_m101_g10 = 0
; z_speed_mm_per_s = 5
; z_settle_mm = 0
; final_z_min_mm = 0
; bed_size_x_mm = 100
; bed_size_y_mm = 100
; bed_size_z_mm = 100
; ext_radius = 0
; bed_offset_x_mm = 50
; bed_offset_y_mm = 50
; bed_offset_z_mm = 0
; bed_roughness_mm = 0
; round_bed = 0
; slant_Z_angle = -1
; travel_speed_mm_per_s = 150
; rim_speed_mm_per_s = 150
; first_layer_speed_mm_per_s = 20
; dmax_per_layer_mm_per_s = 15
; xy_accel_mm_per_s_per_s = 1500
; xy_steps_per_mm = 200
; lo_speed_top_mm_per_s = 7.5
; lo_speed_perim_mm_per_s = 10
; lo_speed_loops_mm_per_s = 20
; lo_speed_solid_mm_per_s = 25
; lo_speed_sparse_mm_per_s = 30
; hi_speed_top_mm_per_s = 15
; hi_speed_perim_mm_per_s = 20
; hi_speed_loops_mm_per_s = 40
; hi_speed_solid_mm_per_s = 50
; hi_speed_sparse_mm_per_s = 60
; top_raft_speed_mm_per_s = 20
; bottom_raft_speed_mm_per_s = 10
; default_ironing_speed_mm_per_s = 15
; ext_1_mat_name = test
; ext_axis_1 = 0
; ext_gain_1 = 1
; ext_Xoff_1 = 0
; ext_Yoff_1 = 0
; heat_time_coef_1 = 0.0015
; nozzle_dia_1 = 0.4
; nozzle_len_1 = 0
; drive_len_1 = 0
; ext_2_mat_name = test
; ext_axis_2 = 0
; ext_gain_2 = 1
; ext_Xoff_2 = 0
; ext_Yoff_2 = 0
; heat_time_coef_2 = 0.0015
; nozzle_dia_2 = 0.4
; nozzle_len_2 = 0
; drive_len_2 = 0
; ext_3_mat_name = test
; ext_axis_3 = 0
; ext_gain_3 = 1
; ext_Xoff_3 = 0
; ext_Yoff_3 = 0
; heat_time_coef_3 = 0.0015
; nozzle_dia_3 = 0.4
; nozzle_len_3 = 0
; drive_len_3 = 0
; ext_4_mat_name = test
; ext_axis_4 = 0
; ext_gain_4 = 1
; ext_Xoff_4 = 0
; ext_Yoff_4 = 0
; heat_time_coef_4 = 0.0015
; nozzle_dia_4 = 0.4
; nozzle_len_4 = 0
; drive_len_4 = 0
; ext_5_mat_name = test
; ext_axis_5 = 0
; ext_gain_5 = 1
; ext_Xoff_5 = 0
; ext_Yoff_5 = 0
; heat_time_coef_5 = 0.0015
; nozzle_dia_5 = 0.4
; nozzle_len_5 = 0
; drive_len_5 = 0
; ext_6_mat_name = test
; ext_axis_6 = 0
; ext_gain_6 = 1
; ext_Xoff_6 = 0
; ext_Yoff_6 = 0
; heat_time_coef_6 = 0.0015
; nozzle_dia_6 = 0.4
; nozzle_len_6 = 0
; drive_len_6 = 0
; ext_7_mat_name = test
; ext_axis_7 = 0
; ext_gain_7 = 1
; ext_Xoff_7 = 0
; ext_Yoff_7 = 0
; heat_time_coef_7 = 0.0015
; nozzle_dia_7 = 0.4
; nozzle_len_7 = 0
; drive_len_7 = 0
; ext_8_mat_name = test
; ext_axis_8 = 0
; ext_gain_8 = 1
; ext_Xoff_8 = 0
; ext_Yoff_8 = 0
; heat_time_coef_8 = 0.0015
; nozzle_dia_8 = 0.4
; nozzle_len_8 = 0
; drive_len_8 = 0
; ext_9_mat_name = test
; ext_axis_9 = 0
; ext_gain_9 = 1
; ext_Xoff_9 = 0
; ext_Yoff_9 = 0
; heat_time_coef_9 = 0.0015
; nozzle_dia_9 = 0.4
; nozzle_len_9 = 0
; drive_len_9 = 0
; ext_10_mat_name = test
; ext_axis_10 = 0
; ext_gain_10 = 1
; ext_Xoff_10 = 0
; ext_Yoff_10 = 0
; heat_time_coef_10 = 0.0015
; nozzle_dia_10 = 0.4
; nozzle_len_10 = 0
; drive_len_10 = 0
; ext_11_mat_name = test
; ext_axis_11 = 0
; ext_gain_11 = 1
; ext_Xoff_11 = 0
; ext_Yoff_11 = 0
; heat_time_coef_11 = 0.0015
; nozzle_dia_11 = 0.4
; nozzle_len_11 = 0
; drive_len_11 = 0
; ext_12_mat_name = test
; ext_axis_12 = 0
; ext_gain_12 = 1
; ext_Xoff_12 = 0
; ext_Yoff_12 = 0
; heat_time_coef_12 = 0.0015
; nozzle_dia_12 = 0.4
; nozzle_len_12 = 0
; drive_len_12 = 0
; model_ext = 0
; support_ext = 0
; support_body_ext = 0
; raft_ext = 0
; ext_order_optimize = 0
; solid_loop_overlap_fraction = 0.1
; min_seg_len_mm = 0
; z_step_mm = 0
; max_nodes_per_s = 0
; disable_bookend_destring = 0
; cool_purge_vol_mm3 = 0
; cool_purge_dC = 0
;
; *** Material Settings for Extruder 1 ***
;
; material_name = test
; profile_date = 2021-09-03 12:48:50
; g_code_matl = NULL
; > Decoded
; g_code_matl_custom = NULL
; > Decoded
; matl_user_notes = 4D6174657269616C2050726F66696C652057697A61
; ^   72640A3E204D6174657269616C3A20504C410A3E2046696C616D656E
; ^   74206469616D65746572203D20312E3735205B6D6D5D0A3E20457874
; ^   727573696F6E2074656D7065726174757265203D20313935205B435D
; ^   0A
; > Decoded
; >   Material Profile Wizard
; >   > Material: PLA
; >   > Filament diameter = 1.75 [mm]
; >   > Extrusion temperature = 195 [C]
; fan_Z_mm = 1.5
; fan_loops_percent = 40
; fan_inside_percent = 40
; fan_cool_percent = 50
; temperature_C = 195
; keep_warm_C = 146
; first_layer_C = 195
; bed_C = 43
; chamber_C = 0
; preheat_strategy = 3
; flow_min_mm3_per_s = 0.1
; flow_max_mm3_per_s = 10
; flow_cool_mm3_per_s = 1
; destring_length = 1
; preload_factor = 0
; matl_viscosity_over_elasticity_us = 0.75
; last_mm_at_perim_speed = 25
; destring_min_mm = 2.5
; destring_trigger_mm = 10
; preload_speed_mm_per_s = 25
; destring_speed_mm_per_s = 31.25
; Z_lift_mm = 0.05
; Z_lift_arc = 0
; min_layer_time_s = 10
; wipe_mm = 0
; cost_per_cm3 = 0.04
; flowrate_tweak = 1
; fiber_dia_mm = 1.75
; shrink_percent_xy = 0
; shrink_percent_y = 0
; shrink_percent_z = 0
; purge_vol_mm3 = 42
; purge_color_strength = 0.5
; color = 0
;
; *** Style Settings ***
;
; style_name = test
; profile_date = 2021-09-03 12:48:50
; quality_percentage = 50
; layer_thickness_mm = -33
; max_layer_thickness_mm = -67
; first_layer_thickness_mm = -50
; unsupported_stepover_mm = -50
; supported_stepover_mm = -50
; extrusion_width_mm = 0.4
; num_loops = 2.5
; skin_thickness_mm = 0.7
; infill_extrusion_width = 0.5
; infill_density_denominator = 4
; stacked_layers = 1
; use_corners = 1
; force_joint_layers = 0
; ironing_mode = 0
; loops_insideout = 1
; join_perimeter_loop = 1
; infill_st_oct_rnd = 2
; travel_mode = 1
; inset_surface_xy_mm = 0
; seam_jitter_degrees = 0
; seam_depth_scaler = 1
; seam_gap_scaler = 0
; seam_angle_degrees = 45
; crowning_threshold_mm = 0.8
; wipe_offset_mm = 0
; open_base = 0
; monotonic_sweep = 0
;
; *** Support Settings ***
;
; support_name = test
; profile_date = 2021-09-03 12:48:50
; support_sheathe = 0
; support_density = 0
; use_lower_interface = 0
; solid_interface = 0
; support_inflate_mm = 0.4
; support_gap_mm = -100
; interface_gap_mm = -100
; support_angle_deg = 50
; support_z_max_mm = -1
; support_z_min_mm = 0
; sheathe_z_max_mm = 2
; purge_width_gain = 1.5
; raft_mode = 0
; prime_pillar_mode = 4
; pillar_placement = 3
; raft_inflate_mm = 0.8
; raft_hi_stride_mm = 0.8
; raft_hi_thick_mm = 0.2
; raft_hi_width_mm = 0.4
; raft_lo_stride_mm = 1.6
; raft_lo_thick_mm = 0.4
; raft_lo_width_mm = 0.8
; brim_mm = 0
; brim_ht_mm = 0
; brim_gap_mm = 0
; brim_fillet = 0
; interface_band_mm = 0.8
; interface_Z_gap_mm = 0
; first_Z_gap_mm = 0
; raft_interface_layers = 1
; raft_interface_bond = 0
; brim_latch = 0
; interface_angle_deg = 30
; interface_stride_mm = 0.4
; interface_width_mm = 0.42
; interface_1st_layer_width_mm = 0.63
;
; *** Actual Slicing Settings As Used ***
;
; layer_thickness_mm = 0.132
; max_layer_thickness_mm = 0.268
; first_layer_thickness_mm = 0.2
; unsupported_stepover_mm = 0.2
; supported_stepover_mm = 0.2
; extrusion_width = 0.4
; num_ISOs = 2.5
; wall_thickness = 0.7
; infill_style = 5
; support_style = 0
; use_lower_interface = 0
; solid_interface = 0
; support_angle = 49.9
; destring_min_mm = 2.5
; stacked_infill_layers = 1
; raft_style = 0
; raft_sees_prime_paths = 0
; raft_extra_interface_layers = 0
; raft_extra_interface_bond = 0
; brim_latch = 0
; raft_hi_stride_mm = 0
; raft_lo_stride_mm = 0
; oversample_res_mm = 0.125
; crowning_threshold_mm = 0.8
; wipe_offset_mm = 0
; loops_insideout = 1
; join_perimeter_loop = 1
; solid_loop_overlap_fraction = 0.1
; inflate_raft_mm = 0.8
; inflate_support_mm = 0
; model_support_gap_mm = 0.4
; model_interface_gap_mm = 0.4
; brim_mm = 0
; brim_ht_mm = -0
; brim_gap_mm = 0
; infill_st_oct_rnd = 2
; travel_mode = 1
; support_Z_max_mm = 1e+20
; support_Z_min_mm = 0
; support_sheathe_off_main_both_int = 0
; inset_surface_xy_mm = 0
; seam_jitter_degrees = 0
; seam_depth_scaler = 1
; seam_gap_scaler = 0
; seam_angle_degrees = 45
; seam_use_corners = 1
; force_joint_layers = 0
; ironing_mode = 0
; interface_band_mm = 0.8
; skip_N_support_layers = 0
; interface_angle_deg = 30
; interface_stride_mm = 0.4
; printer_z_step_mm = 0
; model_and_int_share_ext = 1
; Speed vs Quality = 0.50
; Top Surface Speed = 11.25
; Perimeter Speed = 15.00
; Loops Speed = 30.00
; Solid Speed = 37.50
; Sparse Speed = 45.00
;
; *** Estimate all extruders at 5.3 [s], Slowing 0.475x to 10.0 [s] ***
; *** G-code Prefix ***
;
; [mm] mode
G21
; Absolute position mode
G90
; Relative Extruder mode
M83
; Start heating the Bed
M140 S43
; Home the axes
G28
; Wait till the Bed is heated
M190 S43
; Heated chamber G-code is not universal
;M141 S0
;M191 S0
;
; *** Main G-code ***
;
; BEGIN_LAYER_OBJECT z=0.263 z_thickness=0.263
;
; *** Selecting and Warming Extruder 1 to 195 C ***
; Head to the start of the next path
G1 X68.400 Y75.674 F6000
G4 P0
; Select the Tool (extruder)
T0
; Correct position for multi-nozzle
G1 X68.400 Y75.674 F6000
G4 P0
; Set temp and then wait
M104 S195
M109 S195
; PURGE OR PRIME HERE IF DESIRED
;
;
; Fan set to Cool value 50%
;
; 'Prime Pillar Path', 0.6 [feed mm/s], 9.5 [head mm/s]
G1 X68.4 Y75.674 Z0.313 E0 F9000
G1 X68.4 Y75.674 Z0.263 E0 F300
; 'Destring Prime'
G1 E1 F1875
; head speed 9.501953, filament speed 0.623381, preload 0.000000
G1 X68.297 Y75.699 E0.00694 F570.1
G1 X67.989 Y75.775 E0.02083
G1 X67.475 Y75.9 E0.03472
G1 X66.552 Y75.89 E0.06053
G1 X65.32 Y75.877 E0.08083
G1 X63.779 Y75.861 E0.10114
G1 X62.344 Y74.462 E0.13149
G1 X62.1 Y73.475 E0.0667
G1 X62.139 Y69.779 E0.24249
G1 X63.538 Y68.344 E0.13149
G1 X64.525 Y68.1 E0.0667
G1 X68.221 Y68.139 E0.2425
G1 X69.656 Y69.538 E0.13148
G1 X69.9 Y70.525 E0.06671
G1 X69.884 Y71.95 E0.09349
G1 X69.87 Y73.173 E0.08021
G1 X69.858 Y74.193 E0.06693
G1 X69.245 Y74.842 E0.05859
G1 X68.803 Y75.311 E0.04231
G1 X68.53 Y75.6 E0.02603
G1 X68.4 Y75.674 E0.00985
; Fan set to Cool value 50%
;
; 'Destring/Wipe/Jump Path', 0.0 [feed mm/s], 9.5 [head mm/s]
; 'Destring Suck'
G1 E-1 F1875
; head speed 9.501953, filament speed 0.000000, preload 0.000000
G1 X67.475 Y75.9 E0 F570.1
G1 X65.2 Y75.9 E0
G1 X65.2 Y75.9 Z0.313 E0 F300
; Fan set to Cool value 50%
;
; 'Loop Path', 0.4 [feed mm/s], 9.5 [head mm/s]
G1 X66.182 Y73.879 E0 F9000
G1 X66.182 Y73.879 Z0.263 E0 F300
; 'Destring Prime'
G1 E1 F1875
; head speed 9.501952, filament speed 0.415588, preload 0.000000
; Prepare for Perimeter
G1 X66.022 Y73.869 E0.00701 F570.1
G1 X65.542 Y73.84 E0.02102
G1 X64.945 Y73.579 E0.02851
G1 X64.456 Y73.099 E0.02999
G1 X64.207 Y72.602 E0.02431
G1 X64.11 Y72.052 E0.0244
G1 X64.181 Y71.471 E0.02563
G1 X64.424 Y70.942 E0.02545
G1 X64.906 Y70.45 E0.03012
G1 X65.47 Y70.181 E0.02732
G1 X66.053 Y70.11 E0.0257
G1 X66.602 Y70.208 E0.02439
G1 X67.096 Y70.452 E0.02408
G1 X67.582 Y70.947 E0.03034
G1 X67.855 Y71.604 E0.03113
G1 X67.873 Y72.037 E0.01895
G1 X67.879 Y72.182 E0.00633
; Fan set to Cool value 50%
;
; 'Travel/Ironing Path', 0.0 [feed mm/s], 150.0 [head mm/s]
G1 X67.98 Y72.283 E0 F9000
; head speed 150.000000, filament speed 0.000000, preload 0.000000
; Perimeter Length = 17.508198
; Fan set to Cool value 50%
;
; 'Perimeter Path', 0.3 [feed mm/s], 7.1 [head mm/s]
G1 X67.877 Y72.197 E0
; head speed 7.126464, filament speed 0.311691, preload 0.000000
G1 X67.866 Y72.272 E0.00332 F427.6
G1 X67.795 Y72.499 E0.01042
G1 X67.675 Y72.882 E0.01752
G1 X32.113 Y38.903 E0.045
G1 X32.114 Y37.54 E0.06298
G1 X32.114 Y35.788 E0.08099
G1 X32.116 Y33.647 E0.09898
; Prepare for TopPerimeter (1)
G1 X32.118 Y28.198 E0.25196
G1 X32.223 Y28.111 E0.00625
G1 X35.799 Y28.112 E0.16533
G1 X35.889 Y28.228 E0.00677
G1 X35.885 Y36.474 E0.38123
G1 X35.884 Y38.574 E0.09711
G1 X35.883 Y40.351 E0.08212
G1 X35.882 Y41.803 E0.06713
G1 X35.777 Y41.889 E0.00628
G1 X34.714 Y41.889 E0.04917
G1 X33.954 Y41.889 E0.03512
G1 X33.498 Y41.889 E0.02107
G1 X33.346 Y41.889 E0.00703
;
; 'Travel/Ironing Path', 0.0 [feed mm/s], 150.0 [head mm/s]
G1 X33.434 Y41.788 E0 F9000
; head speed 150.000000, filament speed 0.000000, preload 0.000000
; Perimeter Length = 41.451725
;
; 'Perimeter Path', 0.7 [feed mm/s], 15.0 [head mm/s]
G1 X33.334 Y41.889 E0
; head speed 15.000000, filament speed 0.693473, preload 0.000000
G1 X33.246 Y41.889 E0.00408 F900
G1 X32.909 Y41.892 E0.01557
G1 X32.32 Y41.899 E0.02721
G1 X31.902 Y42.187 E0.02349
G1 X31.829 Y42.259 E0.00474
G1 X31.801 Y42.273 E0.00144
G1 X31.771 Y42.266 E0.00145
G1 X31.751 Y42.242 E0.00144
G1 X31.708 Y42.124 E0.00578
G1 X31.708 Y40.723 E0.06479
G1 X31.708 Y38.928 E0.08299
G1 X31.709 Y36.739 E0.1012
G1 X31.71 Y27.81 E0.4128
G1 X31.722 Y27.771 E0.00187
G1 X31.755 Y27.747 E0.00188
G1 X31.868 Y27.708 E0.00555
G1 X36.171 Y27.708 E0.19895
G1 X36.199 Y27.715 E0.00132
G1 X36.222 Y27.732 E0.00132
G1 X36.277 Y27.796 E0.00388
G1 X36.288 Y27.816 E0.00108
G1 X36.293 Y27.839 E0.00109
; Prepare for TopLoop (1)
G1 X36.291 Y42.19 E0.66347
G1 X36.278 Y42.229 E0.00188
G1 X36.246 Y42.253 E0.00188
G1 X36.132 Y42.292 E0.00557
G1 X34.395 Y42.292 E0.08027
G1 X32.952 Y42.292 E0.06673
G1 X31.802 Y42.292 E0.05318
G1 X31.801 Y42.292 E0.00004
G1 X31.8 Y42.292 E0.00004
G1 X31.8 Y42.291 E0.00004
G1 X31.8 Y42.29 E0.00005
G1 X31.803 Y42.286 E0.00019
G1 X32.112 Y41.761 E0.02818
G1 X32.112 Y41.117 E0.02979
G1 X32.112 Y40.751 E0.0169
G1 X32.112 Y40.659 E0.00425
;
; 'Travel/Ironing Path', 0.0 [feed mm/s], 150.0 [head mm/s]
G1 X32.303 Y40.657 E0 F9000
; head speed 150.000000, filament speed 0.000000, preload 0.000000
G1 X32.586 Y41.505 E0
;
; 'Loop Path', 0.5 [feed mm/s], 11.3 [head mm/s]
G1 X32.603 Y41.488 E0
; head speed 11.250001, filament speed 0.520105, preload 0.000000
G1 X32.513 Y41.378 E0.00658 F675
G1 X32.513 Y40.913 E0.0215
G1 X32.513 Y40.125 E0.03646
G1 X32.514 Y39.012 E0.05142
G1 X32.514 Y37.577 E0.06638
G1 X32.515 Y35.817 E0.08133
G1 X32.516 Y33.735 E0.09629
; Prepare for Destring
G1 X32.519 Y28.599 E0.23745
G1 X32.619 Y28.512 E0.00613
G1 X35.398 Y28.513 E0.12844
G1 X35.488 Y28.621 E0.00652
G1 X35.484 Y36.283 E0.35421
G1 X35.483 Y38.272 E0.09195
G1 X35.482 Y39.978 E0.07888
G1 X35.482 Y41.402 E0.06582
G1 X35.38 Y41.488 E0.00615
G1 X34.165 Y41.488 E0.05617
G1 X33.298 Y41.488 E0.04012
G1 X32.777 Y41.488 E0.02407
G1 X32.603 Y41.488 E0.00803
;
; 'Destring/Wipe/Jump Path', 0.0 [feed mm/s], 45.0 [head mm/s]
; 'Destring Suck'
G1 E-1 F1875
; head speed 45.000000, filament speed 0.000000, preload 0.000000
; Prepare for TopSolid (1)
G1 X32.603 Y41.488 Z5.05 E0 F300
;
; 'Travel/Ironing Path', 0.0 [feed mm/s], 150.0 [head mm/s]
G1 X32.586 Y41.505 E0 F9000
; head speed 150.000000, filament speed 0.000000, preload 0.000000
G1 X32.586 Y30.757 E0
G1 X32.869 Y29.909 E0
G1 X32.869 Y29.343 E0
;
; 'Solid Path', 0.5 [feed mm/s], 11.3 [head mm/s]
G1 X32.84 Y29.372 E0
G1 X32.84 Y29.372 Z5 E0 F300
; 'Destring Prime'
G1 E1 F1875
; Path end 25.00 [mm] slowed to Perim speed
; head speed 11.250001, filament speed 0.520105, preload 0.000000
G1 X32.964 Y29.252 E0.00797 F675
G1 X33.336 Y28.893 E0.02389
G1 X33.885 Y28.893 E0.02539
G1 X33.881 Y28.897 E0.00025
G1 X33.433 Y29.352 E0.02952
G1 X32.893 Y29.901 E0.03561
G1 X32.893 Y30.45 E0.02538
G1 X32.902 Y30.441 E0.00056
G1 X33.634 Y29.717 E0.0476
G1 X34.467 Y28.893 E0.0542
G1 X35.016 Y28.893 E0.02539
G1 X35.012 Y28.897 E0.00025
G1 X32.893 Y31.032 E0.13909
G1 X32.893 Y31.581 E0.02539
G1 X32.902 Y31.573 E0.00056
G1 X35.107 Y29.367 E0.1442
G1 X35.107 Y29.384 E0.00076
G1 X35.099 Y29.942 E0.02579
G1 X32.893 Y32.164 E0.14474
G1 X32.893 Y32.713 E0.02538
G1 X32.902 Y32.704 E0.00056
G1 X35.107 Y30.499 E0.1442
G1 X35.107 Y30.515 E0.00077
G1 X35.099 Y31.073 E0.02578
G1 X32.893 Y33.295 E0.14474
G1 X32.893 Y33.844 E0.02539
G1 X32.902 Y33.836 E0.00056
G1 X35.107 Y31.63 E0.1442
G1 X35.107 Y31.647 E0.00076
G1 X35.099 Y32.204 E0.02579
G1 X32.893 Y34.426 E0.14474
G1 X32.893 Y34.976 E0.02538
G1 X32.902 Y34.967 E0.00057
G1 X35.107 Y32.761 E0.14419
G1 X35.107 Y32.778 E0.00077
G1 X35.099 Y33.336 E0.02578
G1 X32.893 Y35.558 E0.14474
G1 X32.893 Y36.107 E0.02539
G1 X32.902 Y36.098 E0.00056
G1 X35.107 Y33.893 E0.1442
G1 X35.107 Y33.909 E0.00076
G1 X35.099 Y34.467 E0.02579
G1 X32.893 Y36.689 E0.14474
G1 X32.893 Y37.238 E0.02539
G1 X32.902 Y37.23 E0.00056
G1 X35.107 Y35.024 E0.14419
G1 X35.107 Y35.041 E0.00077
G1 X35.099 Y35.598 E0.02579
G1 X32.893 Y37.82 E0.14473
G1 X32.893 Y38.37 E0.02539
G1 X32.902 Y38.361 E0.00056
G1 X35.107 Y36.156 E0.1442
G1 X35.107 Y36.172 E0.00076
G1 X35.099 Y36.73 E0.02579
G1 X32.893 Y38.952 E0.14474
G1 X32.893 Y39.501 E0.02539
G1 X32.902 Y39.492 E0.00056
; Prepare for Destring
G1 X35.107 Y37.287 E0.14419
G1 X35.107 Y37.304 E0.00077
G1 X35.099 Y37.861 E0.02579
G1 X32.893 Y40.083 E0.14474
G1 X32.893 Y40.632 E0.02538
G1 X32.902 Y40.624 E0.00056
G1 X35.107 Y38.418 E0.1442
G1 X35.107 Y38.435 E0.00077
G1 X35.099 Y38.993 E0.02578
G1 X32.984 Y41.107 E0.13826
G1 X33 Y41.107 E0.00077
G1 X33.553 Y41.103 E0.02556
G1 X34.381 Y40.276 E0.05409
G1 X35.107 Y39.55 E0.0475
G1 X35.107 Y39.566 E0.00076
G1 X35.099 Y40.124 E0.02579
G1 X34.561 Y40.661 E0.03513
G1 X34.115 Y41.107 E0.02916
G1 X34.132 Y41.107 E0.00077
G1 X34.685 Y41.103 E0.02556
G1 X35.041 Y40.747 E0.0233
G1 X35.16 Y40.628 E0.00777
;
; 'Destring/Wipe/Jump Path', 0.0 [feed mm/s], 45.0 [head mm/s]
; 'Destring Suck'
G1 E-1 F1875
; head speed 45.000000, filament speed 0.000000, preload 0.000000
; Prepare for TopLoop (1)
G1 X35.16 Y40.628 Z5.05 E0 F300
;
; 'Travel/Ironing Path', 0.0 [feed mm/s], 150.0 [head mm/s]
G1 X35.131 Y40.657 E0 F9000
; head speed 150.000000, filament speed 0.000000, preload 0.000000
G1 X32.303 Y40.657 E0
;
; 'Loop Path', 0.5 [feed mm/s], 11.3 [head mm/s]
G1 X66.182 Y73.879 E0
G1 X66.182 Y73.879 Z5 E0 F300
; 'Destring Prime'
G1 E1 F1875
; head speed 11.250001, filament speed 0.492043, preload 0.000000
; Prepare for TopPerimeter (1)
G1 X66.022 Y73.869 E0.00701 F675
G1 X65.542 Y73.84 E0.02102
G1 X64.945 Y73.579 E0.02851
G1 X64.456 Y73.099 E0.02999
G1 X64.207 Y72.602 E0.02431
G1 X64.11 Y72.052 E0.0244
G1 X64.181 Y71.471 E0.02563
G1 X64.424 Y70.942 E0.02545
G1 X64.906 Y70.45 E0.03012
G1 X65.47 Y70.181 E0.02732
G1 X66.053 Y70.11 E0.0257
G1 X66.602 Y70.208 E0.02439
G1 X67.096 Y70.452 E0.02408
G1 X67.582 Y70.947 E0.03034
G1 X67.855 Y71.604 E0.03113
G1 X67.873 Y72.037 E0.01895
G1 X67.879 Y72.182 E0.00633
;
; 'Travel/Ironing Path', 0.0 [feed mm/s], 150.0 [head mm/s]
G1 X67.98 Y72.283 E0 F9000
; head speed 150.000000, filament speed 0.000000, preload 0.000000
; Perimeter Length = 17.508198
;
; 'Perimeter Path', 0.7 [feed mm/s], 15.0 [head mm/s]
G1 X67.877 Y72.197 E0
; head speed 15.000001, filament speed 0.656057, preload 0.000000
; Prepare for TopSolid (1)
G1 X67.866 Y72.272 E0.00332 F900
G1 X67.795 Y72.499 E0.01042
G1 X67.675 Y72.882 E0.01752
G1 X67.444 Y73.22 E0.01791
G1 X67.433 Y73.254 E0.00158
G1 X67.441 Y73.289 E0.00158
G1 X67.597 Y73.576 E0.01429
G1 X67.605 Y73.606 E0.00137
G1 X67.598 Y73.637 E0.00137
G1 X67.578 Y73.661 E0.00137
G1 X67.112 Y74.013 E0.02554
G1 X66.504 Y74.238 E0.02836
G1 X65.869 Y74.292 E0.02785
G1 X65.135 Y74.134 E0.03287
G1 X64.557 Y73.781 E0.0296
G1 X64.101 Y73.287 E0.0294
G1 X63.817 Y72.721 E0.02767
G1 X63.702 Y72 E0.03195
G1 X63.817 Y71.278 E0.03197
G1 X64.102 Y70.71 E0.02782
G1 X64.605 Y70.178 E0.03201
G1 X65.201 Y69.842 E0.02993
G1 X65.875 Y69.708 E0.03005
G1 X66.579 Y69.779 E0.03095
G1 X67.17 Y70.022 E0.02794
G1 X67.69 Y70.453 E0.02955
G1 X68.08 Y71.014 E0.02987
G1 X68.269 Y71.674 E0.03004
G1 X68.279 Y72.252 E0.02526
G1 X68.106 Y72.93 E0.03063
G1 X67.742 Y73.482 E0.02889
G1 X67.624 Y73.606 E0.00752
G1 X67.585 Y73.626 E0.00191
G1 X67.542 Y73.617 E0.0019
G1 X67.249 Y73.448 E0.01482
G1 X67.214 Y73.439 E0.0016
G1 X67.179 Y73.45 E0.0016
G1 X66.745 Y73.738 E0.02278
G1 X66.454 Y73.817 E0.0132
G1 X66.272 Y73.866 E0.00823
G1 X66.197 Y73.877 E0.00332
;
; 'Travel/Ironing Path', 0.0 [feed mm/s], 150.0 [head mm/s]
G1 X66.283 Y73.98 E0 F9000
; head speed 150.000000, filament speed 0.000000, preload 0.000000
G1 X65.151 Y70.586 E0
;
; 'Solid Path', 0.5 [feed mm/s], 11.3 [head mm/s]
G1 X65.412 Y70.595 E0
; Path end 25.00 [mm] slowed to Perim speed
; head speed 11.250001, filament speed 0.492043, preload 0.000000
G1 X65.33 Y70.679 E0.00516 F675
G1 X65.084 Y70.933 E0.01546
G1 X64.673 Y71.356 E0.02578
; Prepare for Destring
G1 X64.511 Y72.061 E0.03165
G1 X64.527 Y72.045 E0.00098
G1 X65.22 Y71.353 E0.04283
G1 X66.062 Y70.511 E0.05207
G1 X66.532 Y70.606 E0.02097
G1 X66.525 Y70.613 E0.00044
G1 X65.622 Y71.516 E0.05584
G1 X64.606 Y72.532 E0.06285
G1 X64.807 Y72.897 E0.01822
G1 X66.897 Y70.807 E0.12929
G1 X67.182 Y71.088 E0.0175
G1 X65.088 Y73.182 E0.12953
G1 X65.448 Y73.387 E0.01814
G1 X66.474 Y72.361 E0.06345
G1 X67.387 Y71.448 E0.05645
G1 X67.389 Y71.458 E0.00042
G1 X67.487 Y71.914 E0.02042
G1 X66.624 Y72.777 E0.05334
G1 X65.914 Y73.487 E0.04395
G1 X65.939 Y73.482 E0.00113
G1 X66.63 Y73.337 E0.03087
G1 X67.079 Y72.888 E0.02777
G1 X67.348 Y72.618 E0.01667
G1 X67.438 Y72.528 E0.00556
;
; 'Destring/Wipe/Jump Path', 0.0 [feed mm/s], 45.0 [head mm/s]
; 'Destring Suck'
G1 E-1 F1875
; head speed 45.000000, filament speed 0.000000, preload 0.000000
; Prepare for End-Of-Layer
G1 X67.438 Y72.528 Z5.05 E0 F300
;
; 'Travel/Ironing Path', 0.0 [feed mm/s], 150.0 [head mm/s]
G1 X67.414 Y72.283 E0 F9000
; head speed 150.000000, filament speed 0.000000, preload 0.000000
G1 X66.566 Y73.131 E0
G1 X66.283 Y73.98 E0
G1 X66.283 Y73.98 E0
; time estimate: pre = 43.943439, post = 42.301517
; Dwell time remaining = -32.301517
;
; Post-layer lift
G1 X66.283 Y73.98 Z5.314 E0 F300
; END_LAYER_OBJECT z=5.000
;
; *** Cooling Extruder 1 to 0 C and Retiring ***
; Same extruder, about to deselect, maybe retract before cooling down
; RETRACT HERE IF YOU WANT
G4 P0
M104 S0
;
; fan off
M107
; *** G-code Postfix ***
;
; All extruders are retired
; Move the head up / bed down
G91
G1 Z+10
G90
; turn off the bed & chamber (machine specific)
M140 S0
;M141 S0
; FILL THIS IN AS NEEDED
;
;
;
; Calculated-during-export Build Time: 10.16 minutes
; Estimated-in-GUI Build Time:         10.18 minutes
; Estimated-in-GUI Build Cost:         $0.03
;
; Filament used per extruder:
;    Ext #1  =   305.09 mm  (0.734 cm^3)
;
; *** Extrusion Time Breakdown ***
; * estimated time in [s]
; * before possibly slowing down for 'cool'
; * not including Z-travel
;
;	| Ext #1  | Path Type
;	========================================
;	| 18.2548 | Jump Path                  |
;	| 0       | Pillar Path                |
;	> 0       > Raft Path                  >
;	| 0       | Support Interface Path     |
;	| 0       | Support (may Stack) Path   |
;	| 160.073 | Perimeter Path             |
;	> 115.728 > Loop Path                  >
;	| 78.3098 | Solid Path                 |
;	| 20.747  | Sparse Infill Path         |
;	| 7.02163 | Stacked Sparse Infill Path |
;	> 7.42718 > Destring/Wipe/Jump Path    >
;	| 0       | Crown Path                 |
;	| 5.83886 | Prime Pillar Path          |
;	| 0       | Purge Path                 |
;	> 8.92957 > Travel/Ironing Path        >
;	| 0       | Pause Point                |
;	| 57.0375 | Extruder Warm-Up           |
;	========================================
; Total estimated (pre-cool) minutes: 7.99
