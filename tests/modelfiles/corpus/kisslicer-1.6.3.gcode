; KISSlicer - FREE
; Windows
; version 1.6.3 Release Win64
; Built: Jul  7 2018, 09:44:37
; Running on 24 cores
;
; Saved: 2021-09-03 12:49:15
; 'kisslicer.1.6.3.gcode'
;
; Anti-shrink gain x=1.000000, y=1.000000, z=1.000000
;
; *** Printer Settings ***
;
; printer_name = Test
; profile_date = 2021-09-03 12:48:51
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
; every_N_layers = 0
; num_extruders = 1
; firmware_type = 1
; add_comments = 1
; g4p_uses_seconds = 0
; fan_on = M106
; fan_off = M107
; fan_pwm = 1
; add_m101_g10 = 0
; z_speed_mm_per_s = 5
; z_settle_mm = 0
; bed_size_x_mm = 100
; bed_size_y_mm = 100
; bed_size_z_mm = 100
; ext_radius = 0
; bed_offset_x_mm = 50
; bed_offset_y_mm = 50
; bed_offset_z_mm = 0
; bed_roughness_mm = 0
; round_bed = 0
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
; ext_gain_1 = 1
; ext_1_mat_name = test
; ext_axis_1 = 0
; ext_gain_2 = 1
; ext_2_mat_name = test
; ext_axis_2 = 0
; ext_Xoff_2 = 0
; ext_Yoff_2 = 0
; ext_gain_3 = 1
; ext_3_mat_name = test
; ext_axis_3 = 0
; ext_Xoff_3 = 0
; ext_Yoff_3 = 0
; ext_gain_4 = 1
; ext_4_mat_name = test
; ext_axis_4 = 0
; ext_Xoff_4 = 0
; ext_Yoff_4 = 0
; heat_time_coef_1 = 0.0015
; nozzle_dia_1 = 0.4
; nozzle_len_1 = 0
; drive_len_1 = 0
; heat_time_coef_2 = 0.0015
; nozzle_dia_2 = 0.4
; nozzle_len_2 = 0
; drive_len_2 = 0
; heat_time_coef_3 = 0.0015
; nozzle_dia_3 = 0.4
; nozzle_len_3 = 0
; drive_len_3 = 0
; heat_time_coef_4 = 0.0015
; nozzle_dia_4 = 0.4
; nozzle_len_4 = 0
; drive_len_4 = 0
; model_ext = 0
; support_ext = 0
; support_body_ext = 0
; raft_ext = 0
; ext_order_optimize = 0
; solid_loop_overlap_fraction = 0.1
; min_seg_len_mm = 0
; z_step_mm = 0
; max_nodes_per_s = 0
;
; *** Material Settings for Extruder 1 ***
;
; material_name = test
; profile_date = 2021-09-03 12:48:51
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
; destring_min_mm = 2.5
; destring_trigger_mm = 10
; preload_speed_mm_per_s = 25
; destring_speed_mm_per_s = 31.25
; Z_lift_mm = 0.05
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
; profile_date = 2021-09-03 12:48:51
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
;
; *** Support Settings ***
;
; support_name = test
; profile_date = 2021-09-03 12:48:51
; support_sheathe = 0
; support_density = 0
; use_lower_interface = 0
; solid_interface = 0
; support_inflate_mm = 0.4
; support_gap_mm = -100
; interface_gap_mm = -100
; support_angle_deg = 50
; support_z_max_mm = -1
; sheathe_z_max_mm = 2
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
; support_Z_max_mm = 1e+020
; support_sheathe_off_main_both_int = 0
; inset_surface_xy_mm = 0
; seam_jitter_degrees = 0
; seam_depth_scaler = 1
; seam_gap_scaler = 0
; seam_angle_degrees = 45
; seam_use_corners = 1
; force_joint_layers = 0
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
; BEGIN_LAYER_OBJECT z=0.278 z_thickness=0.278
;
; *** Selecting and Warming Extruder 1 to 195 C ***
; Head to the start of the next path
G1 X53.200 Y67.500 F6000
G4 P0
; Select the Tool (extruder)
T0
; Correct position for multi-nozzle
G1 X53.200 Y67.500 F6000
G4 P0
; Set temp and then wait
M104 S195
M109 S195
; PURGE OR PRIME HERE IF DESIRED
;
;
; Blending Fan to Cool (21.9% blend)
; Blended Fan at 42%
;
; 'Prime Pillar Path', 1.4 [feed mm/s], 20.0 [head mm/s]
G1 X53.2 Y67.5 Z0.328 E0 F9000
G1 X53.2 Y67.5 Z0.278 E0 F300
; 'Destring Prime'
G1 E1 F1875
; head speed 20.000000, filament speed 1.386948, preload 0.000000
G1 X53.028 Y67.5 E0.01196 F1200
G1 X52.51 Y67.499 E0.03588
G1 X51.648 Y67.498 E0.05979
G1 X50.441 Y67.496 E0.08372
G1 X48.889 Y67.494 E0.10763
G1 X46.992 Y67.491 E0.13156
G1 X42.163 Y67.485 E0.33486
G1 X41.387 Y67.103 E0.05992
G1 X40.54 Y66.201 E0.08584
G1 X40.5 Y59.8 E0.44389
G1 X40.512 Y50.102 E0.67253
G1 X41.082 Y49.153 E0.07676
G1 X42.125 Y48.9 E0.07448
G1 X57.498 Y48.912 E1.06605
G1 X58.447 Y49.482 E0.07675
G1 X58.7 Y50.525 E0.07449
G1 X58.734 Y60.117 E0.66514
G1 X59.1 Y61.31 E0.08651
G1 X59.067 Y66.543 E0.36294
G1 X58.202 Y67.459 E0.08739
G1 X56.673 Y67.472 E0.10599
G1 X55.423 Y67.482 E0.08671
G1 X54.45 Y67.49 E0.06745
G1 X53.756 Y67.495 E0.04817
G1 X53.339 Y67.499 E0.02891
G1 X53.2 Y67.5 E0.00963
; Blending Fan to Cool (21.9% blend)
; Blended Fan at 11%
;
; 'Destring/Wipe/Jump Path', 0.0 [feed mm/s], 20.0 [head mm/s]
; 'Destring Suck'
G1 E-1 F1875
; head speed 20.000000, filament speed 0.000000, preload 0.000000
G1 X44.4 Y67.5 E0 F1200
G1 X44.4 Y67.5 Z0.328 E0 F300
; Blending Fan to Cool (21.9% blend)
; Blended Fan at 42%
;
; 'Loop Path', 0.9 [feed mm/s], 20.0 [head mm/s]
G1 X56.187 Y65.389 E0 F9000
G1 X56.187 Y65.389 Z0.278 E0 F300
; 'Destring Prime'
G1 E1 F1875
; head speed 20.000000, filament speed 0.924632, preload 0.000000
; Prepare for Perimeter
G1 X56.033 Y65.389 E0.00713 F1200
G1 X55.57 Y65.387 E0.0214
G1 X54.798 Y65.385 E0.03567
G1 X53.718 Y65.381 E0.04994
G1 X53.612 Y65.319 E0.00568
G1 X53.612 Y64.264 E0.04882
G1 X53.612 Y63.028 E0.05713
G1 X53.612 Y61.612 E0.06546
G1 X55.033 Y61.612 E0.06572
G1 X56.273 Y61.612 E0.05734
G1 X57.332 Y61.612 E0.04894
G1 X57.39 Y61.817 E0.00984
G1 X57.39 Y62.853 E0.04792
G1 X57.39 Y63.594 E0.03424
G1 X57.39 Y64.038 E0.02055
G1 X57.39 Y64.187 E0.00686
; Perimeter Length = 21.483345
; Blending Fan to Cool (21.9% blend)
; Blended Fan at 42%
;
; 'Perimeter Path', 0.7 [feed mm/s], 15.0 [head mm/s]
G1 X57.39 Y64.258 E0 F9000
; head speed 15.000001, filament speed 0.693474, preload 0.000000
G1 X57.39 Y64.317 E0.0027 F900
G1 X57.395 Y64.652 E0.01551
G1 X57.404 Y65.285 E0.02927
G1 X57.79 Y65.79 E0.02937
G1 X57.79 Y65.79 E0.00003
G1 X57.79 Y65.791 E0.00002
G1 X57.79 Y65.791 E0.00002
G1 X57.789 Y65.791 E0.00002
G1 X57.787 Y65.791 E0.00011
G1 X56.61 Y65.789 E0.05443
G1 X55.12 Y65.786 E0.06889
G1 X53.317 Y65.783 E0.08335
G1 X53.243 Y65.736 E0.00403
G1 X53.22 Y65.712 E0.00154
G1 X53.212 Y65.68 E0.00154
G1 X53.212 Y61.278 E0.20349
G1 X53.221 Y61.245 E0.00159
G1 X53.245 Y61.221 E0.0016
G1 X53.279 Y61.212 E0.00159
G1 X57.682 Y61.212 E0.20358
G1 X57.722 Y61.225 E0.00192
G1 X57.746 Y61.259 E0.00192
G1 X57.791 Y61.404 E0.00704
G1 X57.791 Y63.169 E0.08162
G1 X57.791 Y64.631 E0.06757
G1 X57.791 Y65.788 E0.05352
G1 X57.791 Y65.789 E0.00004
G1 X57.79 Y65.79 E0.00003
G1 X57.79 Y65.79 E0.00004
G1 X57.789 Y65.79 E0.00004
G1 X57.786 Y65.788 E0.00017
G1 X57.279 Y65.403 E0.02941
G1 X56.65 Y65.394 E0.02907
G1 X56.317 Y65.389 E0.01542
G1 X56.258 Y65.389 E0.00272
; Blending Fan to Cool (21.9% blend)
; Blended Fan at 42%
;
; 'Solid Path', 0.9 [feed mm/s], 20.0 [head mm/s]
G1 X54.066 Y61.853 E0 F9000
; head speed 20.000000, filament speed 0.924632, preload 0.000000
G1 X53.871 Y62.065 E0.01333 F1200
G1 X53.871 Y62.614 E0.02538
G1 X53.885 Y62.601 E0.00089
G1 X54.221 Y62.272 E0.02176
G1 X54.631 Y61.871 E0.02651
G1 X55.18 Y61.871 E0.02539
G1 X55.166 Y61.885 E0.00089
G1 X54.564 Y62.495 E0.03967
G1 X53.871 Y63.197 E0.04558
G1 X53.871 Y63.746 E0.02538
G1 X53.885 Y63.732 E0.0009
G1 X54.773 Y62.852 E0.05782
G1 X55.762 Y61.871 E0.06441
G1 X56.311 Y61.871 E0.02538
G1 X56.298 Y61.885 E0.0009
G1 X53.871 Y64.328 E0.15921
G1 X53.871 Y64.877 E0.02539
G1 X53.884 Y64.864 E0.00088
; Prepare for Loop
G1 X56.894 Y61.854 E0.1968
G1 X57.146 Y62.168 E0.01861
G1 X54.185 Y65.128 E0.19358
G1 X54.202 Y65.128 E0.00076
G1 X54.764 Y65.115 E0.02602
G1 X57.129 Y62.751 E0.15458
G1 X57.129 Y62.767 E0.00077
G1 X57.115 Y63.33 E0.02601
G1 X56.167 Y64.278 E0.06199
G1 X55.317 Y65.128 E0.05562
G1 X55.333 Y65.128 E0.00076
G1 X55.895 Y65.115 E0.026
G1 X56.555 Y64.456 E0.04311
G1 X57.129 Y63.882 E0.03753
G1 X57.129 Y63.899 E0.00076
G1 X57.116 Y64.46 E0.02597
G1 X56.448 Y65.128 E0.04369
G1 X56.465 Y65.128 E0.00077
G1 X57.026 Y65.116 E0.02598
G1 X57.189 Y64.953 E0.01061
; Blending Fan to Cool (21.9% blend)
; Blended Fan at 11%
;
; 'Destring/Wipe/Jump Path', 0.0 [feed mm/s], 20.0 [head mm/s]
; 'Destring Suck'
G1 E-1 F1875
; head speed 20.000000, filament speed 0.000000, preload 0.000000
G1 X57.189 Y64.953 Z0.328 E0 F300
; Blending Fan to Cool (21.9% blend)
; Blended Fan at 42%
;
; 'Loop Path', 0.9 [feed mm/s], 20.0 [head mm/s]
G1 X44.697 Y65.378 E0 F9000
G1 X44.697 Y65.378 Z0.278 E0 F300
; 'Destring Prime'
G1 E1 F1875
; head speed 20.000000, filament speed 0.924632, preload 0.000000
G1 X42.218 Y50.242 E0.0016
G1 X42.242 Y50.218 E0.00159
G1 X42.275 Y50.209 E0.0016
; Prepare for TopLoop (1)
G1 X56.679 Y50.217 E0.66592
G1 X56.753 Y50.257 E0.00388
G1 X56.779 Y50.281 E0.00164
G1 X56.788 Y50.316 E0.00164
G1 X56.786 Y52.119 E0.08337
G1 X56.783 Y53.609 E0.06888
G1 X56.782 Y54.785 E0.05439
G1 X56.781 Y54.786 E0.00004
G1 X56.781 Y54.787 E0.00003
G1 X56.78 Y54.787 E0.00003
G1 X56.78 Y54.787 E0.00004
G1 X56.777 Y54.785 E0.00015
G1 X56.219 Y54.388 E0.03166
G1 X55.627 Y54.388 E0.02737
G1 X55.309 Y54.388 E0.01468
G1 X55.25 Y54.388 E0.00273
;
; 'Loop Path', 0.5 [feed mm/s], 11.3 [head mm/s]
G1 X55.982 Y53.988 E0 F9000
; head speed 11.250001, filament speed 0.520105, preload 0.000000
G1 X55.822 Y53.988 E0.00737 F675
G1 X55.344 Y53.988 E0.0221
G1 X54.547 Y53.988 E0.03684
G1 X53.432 Y53.988 E0.05157
G1 X51.998 Y53.988 E0.0663
G1 X50.245 Y53.988 E0.08105
G1 X48.173 Y53.988 E0.09577
; Prepare for Destring
G1 X43.074 Y53.988 E0.23576
G1 X43.011 Y53.821 E0.00825
G1 X43.011 Y51.01 E0.12992
G1 X50.705 Y51.015 E0.35573
G1 X52.71 Y51.017 E0.09267
G1 X54.434 Y51.018 E0.07972
G1 X55.878 Y51.019 E0.06677
G1 X55.988 Y51.076 E0.00572
G1 X55.985 Y52.349 E0.05887
G1 X55.983 Y53.259 E0.04206
G1 X55.982 Y53.805 E0.02525
G1 X55.982 Y53.988 E0.00845
;
; 'Destring/Wipe/Jump Path', 0.0 [feed mm/s], 45.0 [head mm/s]
; 'Destring Suck'
G1 E-1 F1875
; head speed 45.000000, filament speed 0.000000, preload 0.000000
; Prepare for TopSolid (1)
G1 X55.982 Y53.988 Z5.05 E0 F300
;
; 'Solid Path', 0.5 [feed mm/s], 11.3 [head mm/s]
G1 X43.818 Y53.515 E0 F9000
G1 X43.818 Y53.515 Z5 E0 F300
; 'Destring Prime'
G1 E1 F1875
; head speed 11.250001, filament speed 0.520105, preload 0.000000
G1 X43.739 Y53.432 E0.00527 F675
G1 X43.504 Y53.184 E0.01581
G1 X43.504 Y52.635 E0.02539
G1 X43.516 Y52.648 E0.00082
G1 X43.907 Y53.031 E0.02534
G1 X44.382 Y53.497 E0.03075
G1 X44.931 Y53.497 E0.02538
G1 X44.918 Y53.484 E0.00086
G1 X44.259 Y52.816 E0.04339
G1 X43.504 Y52.053 E0.04965
G1 X43.504 Y51.504 E0.02538
G1 X43.517 Y51.517 E0.00087
G1 X45.514 Y53.497 E0.13001
G1 X46.063 Y53.497 E0.02539
G1 X46.049 Y53.484 E0.00087
G1 X44.068 Y51.503 E0.12954
G1 X44.085 Y51.503 E0.00076
G1 X44.647 Y51.516 E0.02601
G1 X46.645 Y53.497 E0.13008
G1 X47.194 Y53.497 E0.02539
G1 X47.181 Y53.484 E0.00087
G1 X45.2 Y51.503 E0.12953
G1 X45.216 Y51.503 E0.00077
G1 X45.779 Y51.516 E0.02601
G1 X47.776 Y53.497 E0.13008
G1 X48.326 Y53.497 E0.02538
G1 X48.312 Y53.484 E0.00087
G1 X46.331 Y51.503 E0.12954
G1 X46.348 Y51.503 E0.00077
G1 X46.91 Y51.516 E0.026
G1 X48.908 Y53.497 E0.13009
G1 X49.457 Y53.497 E0.02538
G1 X49.444 Y53.484 E0.00087
G1 X47.462 Y51.503 E0.12954
G1 X47.479 Y51.503 E0.00076
G1 X48.041 Y51.516 E0.02601
G1 X50.039 Y53.497 E0.13008
G1 X50.588 Y53.497 E0.02539
G1 X50.575 Y53.484 E0.00087
G1 X48.594 Y51.503 E0.12953
G1 X48.61 Y51.503 E0.00077
G1 X49.173 Y51.516 E0.02601
G1 X51.171 Y53.497 E0.13008
G1 X51.72 Y53.497 E0.02539
G1 X51.706 Y53.484 E0.00086
G1 X49.725 Y51.503 E0.12954
G1 X49.742 Y51.503 E0.00077
G1 X50.304 Y51.516 E0.026
G1 X52.302 Y53.497 E0.13009
G1 X52.851 Y53.497 E0.02538
G1 X52.838 Y53.484 E0.00087
G1 X50.856 Y51.503 E0.12954
G1 X50.873 Y51.503 E0.00076
G1 X51.435 Y51.516 E0.02601
; Prepare for Loop
G1 X53.433 Y53.497 E0.13008
G1 X53.982 Y53.497 E0.02539
G1 X53.969 Y53.484 E0.00087
G1 X51.988 Y51.503 E0.12953
G1 X52.004 Y51.503 E0.00077
G1 X52.567 Y51.516 E0.02601
G1 X54.565 Y53.497 E0.13008
G1 X55.114 Y53.497 E0.02538
G1 X55.1 Y53.484 E0.00087
G1 X53.119 Y51.503 E0.12954
G1 X53.136 Y51.503 E0.00077
G1 X53.698 Y51.516 E0.026
G1 X54.647 Y52.464 E0.06203
G1 X55.497 Y53.315 E0.05558
G1 X55.497 Y53.298 E0.00077
G1 X55.484 Y52.736 E0.02599
G1 X54.824 Y52.076 E0.04317
G1 X54.251 Y51.503 E0.03747
G1 X54.267 Y51.503 E0.00076
G1 X54.829 Y51.515 E0.02596
G1 X55.487 Y52.173 E0.04306
G1 X55.484 Y52.148 E0.00119
G1 X55.433 Y51.765 E0.01787
G1 X55.4 Y51.521 E0.01138
G1 X55.322 Y51.443 E0.00511
;
; 'Destring/Wipe/Jump Path', 0.0 [feed mm/s], 45.0 [head mm/s]
; 'Destring Suck'
G1 E-1 F1875
; head speed 45.000000, filament speed 0.000000, preload 0.000000
; Prepare for TopLoop (1)
G1 X55.322 Y51.443 Z5.05 E0 F300
;
; 'Loop Path', 0.5 [feed mm/s], 11.3 [head mm/s]
G1 X55.654 Y39.888 E0 F9000
G1 X55.654 Y39.888 Z5 E0 F300
; 'Destring Prime'
G1 E1 F1875
; head speed 11.250001, filament speed 0.520105, preload 0.000000
G1 X55.46 Y39.888 E0.009 F675
G1 X54.876 Y39.888 E0.02699
G1 X53.903 Y39.887 E0.045
G1 X52.54 Y39.886 E0.06298
G1 X50.788 Y39.886 E0.08099
G1 X48.647 Y39.884 E0.09898
; Prepare for TopPerimeter (1)
G1 X43.198 Y39.882 E0.25196
G1 X43.111 Y39.777 E0.00625
G1 X43.112 Y36.201 E0.16534
G1 X43.228 Y36.111 E0.00676
G1 X51.474 Y36.115 E0.38123
G1 X53.574 Y36.116 E0.09711
G1 X55.351 Y36.117 E0.08212
G1 X56.803 Y36.118 E0.06713
G1 X56.889 Y36.223 E0.00627
G1 X56.889 Y37.286 E0.04918
G1 X56.889 Y38.046 E0.03512
G1 X56.889 Y38.502 E0.02107
G1 X56.889 Y38.654 E0.00703
; Perimeter Length = 41.451729
;
; 'Perimeter Path', 0.7 [feed mm/s], 15.0 [head mm/s]
G1 X56.889 Y38.666 E0 F9000
; head speed 15.000000, filament speed 0.693473, preload 0.000000
G1 X56.889 Y38.754 E0.00408 F900
G1 X56.892 Y39.091 E0.01557
G1 X56.899 Y39.68 E0.02721
G1 X57.187 Y40.098 E0.02349
G1 X57.259 Y40.171 E0.00474
G1 X57.273 Y40.199 E0.00144
G1 X57.266 Y40.229 E0.00145
G1 X57.242 Y40.249 E0.00144
G1 X57.124 Y40.292 E0.00578
G1 X55.723 Y40.292 E0.06479
G1 X53.928 Y40.292 E0.08299
G1 X51.739 Y40.291 E0.1012
G1 X42.81 Y40.29 E0.4128
G1 X42.771 Y40.278 E0.00187
G1 X42.747 Y40.245 E0.00188
G1 X42.708 Y40.132 E0.00555
G1 X42.708 Y35.829 E0.19895
G1 X42.715 Y35.801 E0.00132
G1 X42.732 Y35.778 E0.00132
G1 X42.796 Y35.723 E0.00388
G1 X42.816 Y35.712 E0.00108
G1 X42.839 Y35.707 E0.00109
; Prepare for TopLoop (1)
G1 X57.19 Y35.709 E0.66347
G1 X57.229 Y35.722 E0.00188
G1 X57.253 Y35.754 E0.00188
G1 X57.292 Y35.868 E0.00557
G1 X57.292 Y37.605 E0.08027
G1 X57.292 Y39.048 E0.06673
G1 X57.292 Y40.198 E0.05318
G1 X57.292 Y40.199 E0.00004
G1 X57.292 Y40.2 E0.00004
G1 X57.291 Y40.2 E0.00004
G1 X57.29 Y40.2 E0.00005
G1 X57.286 Y40.197 E0.00019
G1 X56.761 Y39.888 E0.02818
G1 X56.117 Y39.888 E0.02979
G1 X55.751 Y39.888 E0.0169
G1 X55.659 Y39.888 E0.00425
;
; 'Loop Path', 0.5 [feed mm/s], 11.3 [head mm/s]
G1 X56.488 Y39.397 E0 F9000
; head speed 11.250001, filament speed 0.520105, preload 0.000000
G1 X56.378 Y39.487 E0.00658 F675
G1 X55.913 Y39.487 E0.0215
G1 X55.125 Y39.487 E0.03646
G1 X54.012 Y39.486 E0.05142
G1 X52.577 Y39.486 E0.06638
G1 X50.817 Y39.485 E0.08133
G1 X48.735 Y39.484 E0.09629
; Prepare for Destring
G1 X43.599 Y39.481 E0.23745
G1 X43.512 Y39.381 E0.00613
G1 X43.513 Y36.602 E0.12844
G1 X43.621 Y36.512 E0.00652
G1 X51.283 Y36.516 E0.35421
G1 X53.272 Y36.517 E0.09195
G1 X54.978 Y36.518 E0.07888
G1 X56.402 Y36.518 E0.06582
G1 X56.488 Y36.62 E0.00615
G1 X56.488 Y37.835 E0.05617
G1 X56.488 Y38.702 E0.04012
G1 X56.488 Y39.223 E0.02407
G1 X56.488 Y39.397 E0.00803
;
; 'Destring/Wipe/Jump Path', 0.0 [feed mm/s], 45.0 [head mm/s]
; 'Destring Suck'
G1 E-1 F1875
; head speed 45.000000, filament speed 0.000000, preload 0.000000
; Prepare for TopSolid (1)
G1 X56.488 Y39.397 Z5.05 E0 F300
;
; 'Solid Path', 0.5 [feed mm/s], 11.3 [head mm/s]
G1 X43.985 Y38.774 E0 F9000
G1 X43.985 Y38.774 Z5 E0 F300
; 'Destring Prime'
G1 E1 F1875
; head speed 11.250001, filament speed 0.520105, preload 0.000000
G1 X44.19 Y38.959 E0.01275 F675
G1 X44.77 Y38.993 E0.0269
G1 X44.756 Y38.979 E0.00094
G1 X44.417 Y38.632 E0.02243
G1 X44.003 Y38.209 E0.02736
G1 X44.003 Y37.66 E0.02538
G1 X44.016 Y37.673 E0.00086
G1 X44.64 Y38.289 E0.04053
G1 X45.356 Y38.997 E0.04657
G1 X45.906 Y38.997 E0.02539
G1 X45.892 Y38.983 E0.00087
G1 X44.994 Y38.085 E0.05872
G1 X43.994 Y37.085 E0.06539
G1 X44.004 Y37.083 E0.00048
G1 X44.469 Y36.995 E0.02188
G1 X46.488 Y38.997 E0.13143
G1 X47.037 Y38.997 E0.02539
G1 X47.024 Y38.984 E0.00087
G1 X45.043 Y37.003 E0.12949
G1 X45.06 Y37.003 E0.00077
G1 X45.622 Y37.016 E0.026
G1 X47.619 Y38.997 E0.13004
G1 X48.168 Y38.997 E0.02538
G1 X48.155 Y38.984 E0.00087
G1 X46.175 Y37.003 E0.12949
G1 X46.191 Y37.003 E0.00077
G1 X46.753 Y37.016 E0.02601
G1 X48.751 Y38.997 E0.13003
G1 X49.3 Y38.997 E0.02539
G1 X49.286 Y38.984 E0.00086
G1 X47.306 Y37.003 E0.1295
G1 X47.322 Y37.003 E0.00076
G1 X47.885 Y37.016 E0.02601
G1 X49.882 Y38.997 E0.13003
G1 X50.431 Y38.997 E0.02539
G1 X50.418 Y38.984 E0.00087
G1 X48.437 Y37.003 E0.12949
G1 X48.454 Y37.003 E0.00076
G1 X49.016 Y37.016 E0.02601
G1 X51.013 Y38.997 E0.13004
G1 X51.562 Y38.997 E0.02538
G1 X51.549 Y38.984 E0.00087
G1 X49.569 Y37.003 E0.12949
G1 X49.585 Y37.003 E0.00077
G1 X50.148 Y37.016 E0.026
G1 X52.145 Y38.997 E0.13004
G1 X52.694 Y38.997 E0.02538
G1 X52.681 Y38.984 E0.00087
G1 X50.7 Y37.003 E0.12949
G1 X50.717 Y37.003 E0.00077
G1 X51.279 Y37.016 E0.02601
G1 X53.276 Y38.997 E0.13003
G1 X53.825 Y38.997 E0.02539
G1 X53.812 Y38.984 E0.00087
; Prepare for End-Of-Layer
G1 X51.831 Y37.003 E0.12949
G1 X51.848 Y37.003 E0.00076
G1 X52.41 Y37.016 E0.02601
G1 X54.407 Y38.997 E0.13003
G1 X54.957 Y38.997 E0.02539
G1 X54.943 Y38.984 E0.00087
G1 X52.963 Y37.003 E0.12949
G1 X52.979 Y37.003 E0.00077
G1 X53.542 Y37.016 E0.02601
G1 X55.532 Y39.005 E0.13008
G1 X56.006 Y38.915 E0.02231
G1 X55.998 Y38.907 E0.00051
G1 X54.094 Y37.003 E0.12448
G1 X54.111 Y37.003 E0.00076
G1 X54.673 Y37.016 E0.026
G1 X55.38 Y37.723 E0.04624
G1 X55.997 Y38.34 E0.04035
G1 X55.997 Y38.324 E0.00076
G1 X55.985 Y37.762 E0.02597
G1 X55.571 Y37.348 E0.02705
G1 X55.229 Y37.007 E0.02233
G1 X55.25 Y37.008 E0.00094
G1 X55.843 Y37.055 E0.02753
G1 X56.057 Y37.269 E0.01399
;
; 'Destring/Wipe/Jump Path', 0.0 [feed mm/s], 45.0 [head mm/s]
; 'Destring Suck'
G1 E-1 F1875
; head speed 45.000000, filament speed 0.000000, preload 0.000000
; Prepare for End-Of-Layer
; time estimate: pre = 41.923443, post = 40.209541
; Dwell time remaining = -30.209539
;
; Post-layer lift
G1 X56.057 Y37.269 Z5.314 E0 F300
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
; Estimated Build Time:   7.94 minutes
; Estimated Build Cost:   $0.03
;
; Filament used per extruder:
;    Ext 1 =   298.83 mm  (0.719 cm^3)
;
; *** Extrusion Time Breakdown ***
; * estimated time in [s]
; * before possibly slowing down for 'cool'
; * not including Z-travel
;	......................................................................................
;	: Extruder #1 : Extruder #2 : Extruder #3 : Extruder #4 : Path Type                  :
;	:.............:.............:.............:.............:............................:
;	: 27.5122     : 0           : 0           : 0           : Jump Path                  :
;	: 0           : 0           : 0           : 0           : Pillar Path                :
;	: 0           : 0           : 0           : 0           : Raft Path                  :
;	: 0           > 0           > 0           > 0           > Support Interface Path     :
;	: 0           : 0           : 0           : 0           : Support (may Stack) Path   :
;	: 158.766     : 0           : 0           : 0           : Perimeter Path             :
;	: 114.827     : 0           : 0           : 0           : Loop Path                  :
;	: 74.1017     > 0           > 0           > 0           > Solid Path                 :
;	: 20.9925     : 0           : 0           : 0           : Sparse Infill Path         :
;	: 8.16871     : 0           : 0           : 0           : Stacked Sparse Infill Path :
;	: 7.46667     : 0           : 0           : 0           : Destring/Wipe/Jump Path    :
;	: 0           > 0           > 0           > 0           > Crown Path                 :
;	: 6.25567     : 0           : 0           : 0           : Prime Pillar Path          :
;	: 0           : 0           : 0           : 0           : Travel Path                :
;	: 0           : 0           : 0           : 0           : Pause Point                :
;	: 57.0375     > 0           > 0           > 0           > Extruder Warm-Up           :
;	:.............:.............:.............:.............:............................:
; Total estimated (pre-cool) minutes: 7.92
