"""Payments received, refunds and their credit notes, and the payment terms an order is judged by."""

from __future__ import annotations

from aiohttp import web

from odind.domain.sales import payments, prepay
from odind.domain.sales.invoices import credit_note_pdf
from odind.web.api.params import int_param
from odind.web.api.settings_panel import settings_panel
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.routes import Api

api = Api("payments")


@api.get("/api/credit-notes/{credit_note_id}.pdf", "A credit note (for a refund) as PDF", produces="application/pdf")
async def credit_note(request: web.Request) -> web.Response:
    ctx = context(request)
    pdf, number = await credit_note_pdf(ctx.store, ctx.config, int_param(request, "credit_note_id"))
    return web.Response(body=pdf, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="credit-note-{number}.pdf"'})


@api.get("/api/orders/{order_id}/payments", "Payments, refunds and credit notes of an order")
async def list_payments(request: web.Request) -> web.Response:
    return web.json_response(await payments.list_payments(context(request).store, int_param(request, "order_id")))


@api.post("/api/orders/{order_id}/payments", "Record a payment received", body=payments.PaymentIn)
async def record_payment(request: web.Request) -> web.Response:
    data = await read_body(request, payments.PaymentIn)
    order_id = int_param(request, "order_id")
    return web.json_response(await payments.record_payment(context(request).store, actor(request), order_id, data),
                             status=201)


@api.post("/api/orders/{order_id}/refunds", "Refund money (a credit note if the order is invoiced)",
          body=payments.PaymentIn)
async def refund(request: web.Request) -> web.Response:
    data = await read_body(request, payments.PaymentIn)
    order_id = int_param(request, "order_id")
    return web.json_response(await payments.refund(context(request).store, actor(request), order_id, data),
                             status=201)


@api.put("/api/orders/{order_id}/payment-terms", "Set payment terms: prepay, or the customer's PO with due date",
         body=payments.TermsIn)
async def payment_terms(request: web.Request) -> web.Response:
    data = await read_body(request, payments.TermsIn)
    order_id = int_param(request, "order_id")
    return web.json_response(await payments.set_terms(context(request).store, actor(request), order_id, data))


settings_panel(api, "payments", body=prepay.PaymentSettingsIn, read=prepay.payment_settings,
               write=prepay.set_payment_settings,
               read_summary="Payment settings: whether prepay orders print only once paid",
               write_summary="Hold prepay orders back from printing until paid (Schedule All answers 409)")
