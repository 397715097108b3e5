"""Requests and replies byte for byte, and codes rendered the way printers show them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from odind.drivers.bambu import Connection, protocol


def test_requests_are_exact_bytes() -> None:
    assert protocol.encode(protocol.get_version("1")) == \
        b'{"info":{"sequence_id":"1","command":"get_version"}}'
    assert protocol.encode(protocol.pushall("2")) == b'{"pushing":{"sequence_id":"2","command":"pushall"}}'
    assert protocol.encode(protocol.print_command("3", "pause")) == \
        b'{"print":{"sequence_id":"3","command":"pause"}}'
    assert protocol.encode(protocol.gcode_line("4", "M104 S200")) == \
        b'{"print":{"sequence_id":"4","command":"gcode_line","param":"M104 S200\\n"}}'


def _options(**changes: object) -> protocol.ProjectOptions:
    base = {"use_ams": True, "ams_mapping": [0, 254], "bed_levelling": True, "timelapse": False,
            "flow_cali": True, "vibration_cali": True, "layer_inspect": False, "bed_type": "auto"}
    return protocol.ProjectOptions(**{**base, **changes})  # type: ignore[arg-type]


def test_project_file_payload() -> None:
    payload = protocol.project_file("5", model="P1S", file_name="odind-7.gcode.3mf", plate=2, md5="abc",
                                    subtask_name="odind-7", options=_options())
    assert protocol.encode(payload) == (
        b'{"print":{"sequence_id":"5","command":"project_file","param":"Metadata/plate_2.gcode",'
        b'"url":"file:///sdcard/odind-7.gcode.3mf","file":"odind-7.gcode.3mf","md5":"abc",'
        b'"subtask_name":"odind-7","bed_type":"auto","timelapse":false,"bed_leveling":true,'
        b'"flow_cali":true,"vibration_cali":true,"layer_inspect":false,"use_ams":true,'
        b'"ams_mapping":[0,254],"profile_id":"0","project_id":"0","subtask_id":"0","task_id":"0"}}')


def test_h2_printers_fetch_by_ftp_url() -> None:
    payload = protocol.project_file("1", model="H2D", file_name="a.gcode.3mf", plate=1, md5="",
                                    subtask_name="a", options=_options())
    assert payload["print"]["url"] == "ftp:///a.gcode.3mf"


def test_payloads_are_fresh_objects() -> None:
    options = _options()
    first = protocol.project_file("1", model="X1C", file_name="a", plate=1, md5="", subtask_name="a",
                                  options=options)
    first["print"]["ams_mapping"].append(99)
    second = protocol.project_file("2", model="X1C", file_name="a", plate=1, md5="", subtask_name="a",
                                   options=options)
    assert second["print"]["ams_mapping"] == [0, 254]
    assert protocol.pushall("1") is not protocol.pushall("1")


def test_sequence_ids_are_distinct_strings() -> None:
    seq = protocol.Sequence()
    assert [seq.next() for _ in range(3)] == ["1", "2", "3"]


@pytest.mark.parametrize("raw", [b"", b"not json", b'{"print": {"gcode_state": "RUN', b"[1, 2]", b"42",
                                 b"\xff\xfe", b'"text"'])
def test_decode_rejects_anything_but_an_object(raw: bytes) -> None:
    assert protocol.decode(raw) is None


def test_reply_matching_and_refusals() -> None:
    ok = protocol.reply_of({"print": {"command": "pause", "sequence_id": "7", "result": "success"}})
    assert ok is not None and ok.ok and ok.sequence_id == "7" and ok.command == "pause"
    refused = protocol.reply_of({"print": {"command": "stop", "sequence_id": 8, "result": "fail",
                                           "reason": "not printing"}})
    assert refused is not None and not refused.ok and refused.sequence_id == "8" and not refused.locked
    locked = protocol.reply_of({"print": {"command": "pause", "sequence_id": "9", "result": "failed",
                                          "reason": "mqtt message verify failed", "err_code": 84033543}})
    assert locked is not None and locked.locked and not locked.ok
    assert protocol.reply_of({"print": {"command": "push_status", "sequence_id": "1", "msg": 0}}) is None
    assert protocol.reply_of({"print": "weird"}) is None


def test_print_error_and_hms_rendering() -> None:
    assert protocol.render_print_error(50348044) == "0300_400C"
    assert protocol.render_print_error(0x07008011) == "0700_8011"
    assert protocol.render_hms(0x03000100, 0x00010001) == "HMS_0300_0100_0001_0001"
    assert protocol.hms_severity(0x00010001) == "fatal"
    assert protocol.hms_severity(0x00030001) == "common"
    assert protocol.hms_severity(0x00090001) == "unknown"


def test_model_from_serial() -> None:
    assert protocol.model_from_serial("01P00A123456789") == "P1S"
    assert protocol.model_from_serial("00M09A350100000") == "X1C"
    assert protocol.model_from_serial("ZZZ") is None


def test_connection_validation() -> None:
    conn = Connection.model_validate({"host": "10.0.0.5", "serial": "01P00A123456789",
                                      "access_code": "s3cr3t-code"})
    assert (conn.port, conn.ftps_port, conn.tls) == (8883, 990, "tofu")
    assert "s3cr3t-code" not in repr(conn)
    pinned = Connection.model_validate({"host": "h", "serial": "01P00A123456789", "access_code": "x",
                                        "tls": "pinned:" + "AB:" * 31 + "AB"})
    assert pinned.tls == "pinned:" + "ab" * 32
    for bad in ({"tls": "none"}, {"tls": "pinned:1234"}, {"serial": "../etc"}, {"port": 0},
                {"bogus": True}, {"access_code": ""}):
        with pytest.raises(ValidationError):
            Connection.model_validate({"host": "h", "serial": "01P00A123456789", "access_code": "x", **bad})
