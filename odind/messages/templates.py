"""The messages a shop can turn on, with default words it can replace, rendered by Jinja2.

Templates run in Jinja2's sandbox (a shop's template cannot reach Python objects) with autoescaping
for the HTML part, so a customer called `<script>` is text in every mail. Subjects lose line breaks:
a name with CR/LF cannot add a header to the mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    audience: str  # "customer": to the order's e-mail; "staff": to the shop's staff address
    description: str
    subject: str
    text: str
    html: str


DEFAULTS: dict[str, Template] = {t.name: t for t in (
    Template("order_received", "customer", "an order is placed (or a draft confirmed)",
             "We have your order {{ order.reference }}",
             "Hello {{ order.customer_name }},\n\nThank you for your order {{ order.reference }} "
             "({{ order.total }}). We will tell you when it ships.\n\n{{ shop.business_name }}",
             "<p>Hello {{ order.customer_name }},</p><p>Thank you for your order <b>{{ order.reference }}</b> "
             "({{ order.total }}). We will tell you when it ships.</p><p>{{ shop.business_name }}</p>"),
    Template("quote_ready", "customer", "a firm offer is made on a quote, with the link to accept it",
             "Your quote {{ quote.reference }} from {{ shop.business_name }}",
             "Hello {{ quote.customer_name }},\n\nHere is our offer for your request: {{ quote.total }}, valid until "
             "{{ quote.valid_until }}.\n\nSee it, and accept or decline it, here: {{ quote.link }}\n\n"
             "{{ shop.business_name }}",
             "<p>Hello {{ quote.customer_name }},</p><p>Here is our offer for your request: <b>{{ quote.total }}</b>, "
             "valid until {{ quote.valid_until }}.</p><p><a href=\"{{ quote.link }}\">See the offer, and accept or "
             "decline it</a></p><p>{{ shop.business_name }}</p>"),
    Template("quote_requested", "staff", "a customer asks for a quote (staff alert)",
             "Quote request {{ quote.reference }} from {{ quote.customer_name }}",
             "{{ quote.customer_name }} ({{ quote.customer_email }}) asks:\n\n{{ quote.request }}",
             "<p>{{ quote.customer_name }} ({{ quote.customer_email }}) asks:</p><p>{{ quote.request }}</p>"),
    Template("payment_received", "customer", "a payment is recorded against an order",
             "Payment received for {{ order.reference }}",
             "Hello {{ order.customer_name }},\n\nWe received {{ payment.amount }} for order {{ order.reference }}. "
             "Still to pay: {{ order.balance }}.\n\n{{ shop.business_name }}",
             "<p>Hello {{ order.customer_name }},</p><p>We received {{ payment.amount }} for order "
             "<b>{{ order.reference }}</b>. Still to pay: {{ order.balance }}.</p><p>{{ shop.business_name }}</p>"),
    Template("payment_reminder", "customer", "an order's payment is past its due date (checked daily)",
             "Payment reminder: {{ order.reference }}",
             "Hello {{ order.customer_name }},\n\nOur records show {{ order.balance }} still to pay for order "
             "{{ order.reference }}. If you have paid already, thank you, and please ignore this.\n\n"
             "{{ shop.business_name }}",
             "<p>Hello {{ order.customer_name }},</p><p>Our records show {{ order.balance }} still to pay for order "
             "<b>{{ order.reference }}</b>. If you have paid already, thank you, and please ignore this.</p>"
             "<p>{{ shop.business_name }}</p>"),
    Template("backorder_arrived", "staff", "stock arrives for a backordered order: it can be picked (staff alert)",
             "Backorder ready: {{ order.reference }}",
             "Stock arrived for order {{ order.reference }} ({{ order.customer_name }}): its backordered units are "
             "allocated and ready to pick.",
             "<p>Stock arrived for order <b>{{ order.reference }}</b> ({{ order.customer_name }}): its backordered "
             "units are allocated and ready to pick.</p>"),
    Template("low_stock", "staff", "a consumable or filament falls below its reorder point (staff alert)",
             "Low stock: {{ item.name }}",
             "{{ item.name }} is down to {{ item.stock }} (reorder point {{ item.reorder_point }}). Draft purchase "
             "orders for everything low are one tap away under Stock.",
             "<p><b>{{ item.name }}</b> is down to {{ item.stock }} (reorder point {{ item.reorder_point }}). Draft "
             "purchase orders for everything low are one tap away under Stock.</p>"),
    Template("order_shipped", "customer", "an order ships, with carrier and tracking number",
             "Your order {{ order.reference }} is on its way",
             "Hello {{ order.customer_name }},\n\nYour order {{ order.reference }} has shipped"
             "{% if order.carrier %} with {{ order.carrier }}{% endif %}."
             "{% if order.tracking_number %} Tracking number: {{ order.tracking_number }}.{% endif %}"
             "\n\n{{ shop.business_name }}",
             "<p>Hello {{ order.customer_name }},</p><p>Your order <b>{{ order.reference }}</b> has shipped"
             "{% if order.carrier %} with {{ order.carrier }}{% endif %}."
             "{% if order.tracking_number %} Tracking number: {{ order.tracking_number }}.{% endif %}</p>"
             "<p>{{ shop.business_name }}</p>"),
    Template("order_delivered", "customer", "a shipment of an order is delivered",
             "Your order {{ order.reference }} was delivered",
             "Hello {{ order.customer_name }},\n\nYour order {{ order.reference }} was delivered. "
             "We hope you enjoy it.\n\n{{ shop.business_name }}",
             "<p>Hello {{ order.customer_name }},</p><p>Your order <b>{{ order.reference }}</b> was delivered. "
             "We hope you enjoy it.</p><p>{{ shop.business_name }}</p>"),
    Template("print_failed", "staff", "a print fails on a printer (staff alert)",
             "Print failed: {{ job.label }}",
             "Job {{ job.id }} ({{ job.label }}) failed{% if job.printer %} on {{ job.printer }}{% endif %}: "
             "{{ job.message }}",
             "<p>Job {{ job.id }} (<b>{{ job.label }}</b>) failed{% if job.printer %} on {{ job.printer }}"
             "{% endif %}: {{ job.message }}</p>"),
)}

_TEXT = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined)
_HTML = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


class TemplateProblem(ValueError):
    """A shop's template that does not render: the message says which part and why."""


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str


def _one(env: SandboxedEnvironment, source: str, facts: dict[str, Any], part: str) -> str:
    try:
        return env.from_string(source).render(**facts)
    except TemplateError as exc:
        raise TemplateProblem(f"{part}: {exc}") from exc


def render(template: Template, facts: dict[str, Any]) -> Rendered:
    subject = " ".join(_one(_TEXT, template.subject, facts, "subject").split())[:250]
    return Rendered(subject=subject, text=_one(_TEXT, template.text, facts, "text"),
                    html=_one(_HTML, template.html, facts, "html"))


def check(template: Template, facts: dict[str, Any]) -> None:
    """Render once with sample facts, so a broken template is refused when saved, not when a customer waits."""
    render(template, facts)
