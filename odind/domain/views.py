"""JSON views of rows that several domain modules return."""

from __future__ import annotations

from typing import Any

from odind.domain.transitions import JOB


def job_key(job_id: int) -> str:
    """The name a job carries to the printer, so a restarted daemon can recognise it there."""
    return f"odind-{job_id}"


def job_view(job: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": job["id"], "key": job_key(job["id"]), "status": job["status"], "order_id": job["order_id"],
        "order_reference": job.get("order_reference"), "model_id": job["model_id"],
        "model_name": job.get("model_name"), "plate": job["plate"], "units": job["units"],
        "priority": job["priority"], "printer_id": job["printer_id"], "printer_name": job.get("printer_name"),
        "attempts": job["attempts"], "waiting_reason": job["waiting_reason"], "message": job["message"],
        "print_time_s": job.get("model_print_time_s"), "created_at": job["created_at"],
        "dispatched_at": job["dispatched_at"], "started_at": job["started_at"], "finished_at": job["finished_at"],
        "allowed_actions": JOB.allowed(job["status"]),
    }
