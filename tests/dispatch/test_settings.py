"""[scheduler] settings reach the planner; bad ones stop the daemon with a clear message."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from odind import config
from odind.runtime.dispatcher import plan_settings


def test_quiet_hours_zone_and_weights_reach_the_planner(tmp_path: Path) -> None:
    path = tmp_path / "odind.toml"
    path.write_text('[scheduler]\nblackout_start = "22:30"\nblackout_end = "07:00"\ntimezone = "Europe/London"\n'
                    'shortest_job_first = true\nweights = { colour = 3.0, wear = 0.0 }\n', encoding="utf-8")
    settings = plan_settings(config.load(path, environ={}).scheduler)
    assert (settings.blackout_start, settings.blackout_end) == (time(22, 30), time(7, 0))
    assert str(settings.tz) == "Europe/London" and settings.shortest_job_first
    assert (settings.w_colour, settings.w_wear, settings.w_priority) == (3.0, 0.0, 10.0)


@pytest.mark.parametrize(("line", "words"), [
    ('timezone = "Mars/Olympus"', "unknown time zone 'Mars/Olympus'"),
    ("weights = { colur = 2.0 }", "unknown weight(s) colur"),
    ('blackout_start = "25:00"', "[scheduler] blackout_start"),
])
def test_bad_scheduler_settings_are_refused_by_name(tmp_path: Path, line: str, words: str) -> None:
    path = tmp_path / "odind.toml"
    path.write_text(f"[scheduler]\n{line}\n", encoding="utf-8")
    with pytest.raises(config.ConfigError) as caught:
        config.load(path, environ={})
    assert words in str(caught.value)
