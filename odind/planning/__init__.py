"""Scheduling: which printer prints which job next, and the pure rules behind it.

`plan.plan()` is the planning tick the dispatcher calls; `model` holds its inputs and outputs;
`policy` (reprints, over-production) and `batches` (sets, plates) are the other pure rules.
"""
