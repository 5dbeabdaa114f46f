"""Server-rendered pages (Jinja), Arabic first, and what they share: language, layout, statics.

``create_app`` registers ``page_routes()`` and ``template_config()``; pages for the hall, the
kiosk and staff add their controllers to ``page_routes`` and render with
``api.pages.layout.render_page`` on ``templates/base.html``. The hall's call display is the
exception: a TV in both languages at once, it has a page of its own (``templates/display/``).
"""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from api.pages.citizen import CitizenPages
from api.pages.counter import counter_page
from api.pages.dashboard import dashboard_page
from api.pages.demo_inbox import demo_inbox_page
from api.pages.desk import desk_page
from api.pages.display import display_page
from api.pages.feedback import feedback_page
from api.pages.kiosk import kiosk_page
from api.pages.qr import booking_qr, request_qr
from api.pages.short_links import booking_short_link
from api.pages.step_guide import StepGuidePages
from api.pages.templating import static_files_router, template_config
from api.pages.ticket_page import ticket_page, ticket_qr
from api.pages.waitlist import WaitlistPages


def page_routes() -> list[ControllerRouterHandler]:
    return [
        CitizenPages,
        StepGuidePages,
        feedback_page,
        booking_qr,
        request_qr,
        display_page,
        kiosk_page,
        counter_page,
        desk_page,
        dashboard_page,
        booking_short_link,
        demo_inbox_page,
        ticket_page,
        ticket_qr,
        WaitlistPages,
        static_files_router(),
    ]


__all__ = ["page_routes", "template_config"]
