"""Files go only where they can print: a Bambu 3MF to the model it was sliced for (real MQTT and FTPS
simulators), plain G-code to a G-code printer (Marlin over a pty)."""

from __future__ import annotations

from odind.domain import catalog
from odind.modelfiles import synth
from odind.vocabulary import FilamentNeed
from tests.core.factories import add_gcode_model
from tests.dispatch.conftest import Rig

RED = "#FF0000"


async def _plate(rig: Rig, name: str, model_id: str) -> int:
    path = rig.tmp_path / f"{name}.gcode.3mf"
    path.write_bytes(synth.bambu_3mf(filaments=[FilamentNeed(material="PLA", colour=RED, grams=6.0)],
                                     print_time_s=600, printer_model_id=model_id))
    model = await catalog.add_model(rig.store, "test", upload=path, filename=path.name, name=name,
                                    models_dir=rig.tmp_path / "models")
    return model["id"]


async def test_each_3mf_goes_to_the_bambu_model_it_was_sliced_for(rig: Rig) -> None:
    p1s = await rig.add_printer("Bambu-P1S", family="bambu", model="P1S", colours=(RED,))
    x1c = await rig.add_printer("Bambu-X1C", family="bambu", model="X1C", colours=(RED,))
    for_x1c = await _plate(rig, "x1c-plate", "BL-P001")
    for_p1s = await _plate(rig, "p1s-plate", "C12")
    [x1c_job] = await rig.queue(for_x1c)
    [p1s_job] = await rig.queue(for_p1s)

    assert (await rig.wait_status(x1c_job, "completed"))["printer_id"] == x1c
    assert (await rig.wait_status(p1s_job, "completed"))["printer_id"] == p1s


async def test_gcode_goes_to_marlin_and_a_3mf_to_bambu_on_a_mixed_farm(rig: Rig) -> None:
    bambu = await rig.add_printer("Bambu-P1S", family="bambu", model="P1S", colours=(RED,))
    marlin = await rig.add_printer("Bench-1", family="marlin", model="MK3S", colours=(RED,))
    gcode = await add_gcode_model(rig.store, rig.tmp_path, name="red-gcode", colour=RED, minutes=10)
    plate = await _plate(rig, "red-3mf", "C12")
    [gcode_job] = await rig.queue(gcode["id"])
    [plate_job] = await rig.queue(plate)

    assert (await rig.wait_status(gcode_job, "completed"))["printer_id"] == marlin
    assert (await rig.wait_status(plate_job, "completed"))["printer_id"] == bambu
