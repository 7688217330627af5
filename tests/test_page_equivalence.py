"""The pages made thin (issue 17 item 5) render exactly what their old scripts did.

Every case is a page, a role and a scenario of what a person does; the element tree and
the session state after it are compared with the ones recorded from the old page script
(``tests/page_trees``, see :mod:`tests.page_trees` for what is compared and how to
record). The cases cover each page's modes, links, forms, errors and roles.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import time_machine
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from tests import page_trees
from tests.conftest import log_in_locally

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
N_INCIDENTS = 5_000

Steps = Callable[[AppTest], None]


def _nothing(at: AppTest) -> None:
    """Open the page and do nothing else."""


def _hs(period: str, mode: str, **extra: object) -> Steps:
    def steps(at: AppTest) -> None:
        at.sidebar.selectbox(key="f_period").set_value(period).run()
        at.session_state["hs_mode"] = mode
        at.run()
        for key, value in extra.items():
            at.session_state[key] = value
            at.run()

    return steps


def _hs_cell(at: AppTest) -> None:
    at.sidebar.selectbox(key="f_period").set_value("kvartal").run()
    cell = at.selectbox(key="hs_cell")
    assert len(cell.options) > 1, "no cells offered"
    cell.select_index(1).run()


def _lb_kind(kind: str, code: str | None = None) -> Steps:
    def steps(at: AppTest) -> None:
        at.sidebar.selectbox(key="lb_kind").set_value(kind).run()
        if code is not None:
            at.sidebar.text_input(key="lb_code").set_value(code).run()

    return steps


def _report(coordinate: str, *, complete: bool) -> Steps:
    def steps(at: AppTest) -> None:
        # A saved report is real data, which ends demo mode and its accounts: act as a
        # local analyst throughout, as a real reporter would.
        log_in_locally(at, Role.ANALYTIKER)
        at.text_input(key="rapportera_coord").set_value(coordinate).run()
        if complete:
            at.selectbox(key="rapportera_category").select_index(0).run()
            at.selectbox(key="rapportera_actor").select_index(0).run()
            at.date_input(key="rapportera_date").set_value(date(2026, 10, 1))
            at.text_area(key="rapportera_description").set_value("Klotter på *muren*").run()
        at.button(key="rapportera_save").click().run()

    return steps


def _plan_overdue(at: AppTest) -> None:
    at.sidebar.checkbox[0].check().run()


def _plan_add(title: str) -> Steps:
    def steps(at: AppTest) -> None:
        field = next(w for w in at.text_input if w.proto.form_id == "plan_new")
        field.set_value(title)
        next(b for b in at.button if b.proto.form_id == "plan_new").click().run()

    return steps


def _plan_edit(at: AppTest) -> None:
    pick = next(s for s in at.selectbox if s.options and str(s.options[0]).startswith("#"))
    pick.select_index(len(pick.options) - 1).run()


def _mote_next(at: AppTest) -> None:
    at.button(key="mote_next").click().run()


def _admin_form(form: str, *, with_user: bool = False, **fields: object) -> Steps:
    """Fill an Admin form's fields (by label) and submit it; first add an account if asked."""

    def steps(at: AppTest) -> None:
        if with_user:
            from est_geo.access.accounts import create_user
            from est_geo.store import open_store
            from est_geo.store.base import UserStore

            store = open_store(os.environ["EST_GEO_DATABASE_URL"])
            assert isinstance(store, UserStore)
            create_user(store, "kim", role="medlem", password="lösenord-123-abc", actor="t")
            at.run()
        for widget in [*at.text_input, *at.selectbox, *at.checkbox]:
            if widget.proto.form_id == form and widget.label in fields:
                widget.set_value(fields[widget.label])
        next(b for b in at.button if b.proto.form_id == form).click().run()

    return steps


def _admin_audit(at: AppTest) -> None:
    at.text_input[-1].set_value("demo").run()


def _karta(area: str | None = None, period: str | None = None, **extra: object) -> Steps:
    """Pick Karta's area and period in the sidebar, then set further widgets by key."""

    def steps(at: AppTest) -> None:
        if period is not None:
            at.sidebar.selectbox(key="f_period").set_value(period).run()
        if area is not None:
            at.sidebar.selectbox(key="karta_area").set_value(area).run()
        for key, value in extra.items():
            at.session_state[key] = value
            at.run()

    return steps


def _karta_empty(at: AppTest) -> None:
    """A period long before the demo data: no incidents, the "none" notice."""
    at.sidebar.selectbox(key="f_period").set_value("egen").run()
    at.sidebar.date_input(key="f_dates").set_value((date(2020, 1, 1), date(2020, 1, 7))).run()


#: page → (role, scenario name, steps, query parameters of the link opened)
CASES: dict[str, list[tuple[Role, str, Steps, dict[str, str]]]] = {
    "hotspots": [
        (Role.ANALYTIKER, "default", _nothing, {}),
        (Role.MEDLEM, "default", _nothing, {}),
        (Role.ANALYTIKER, "punkter", _hs("kvartal", "punkter"), {}),
        (Role.ANALYTIKER, "tathet", _hs("kvartal", "tathet", hs_bandwidth=300), {}),
        (
            Role.ANALYTIKER,
            "rutnat_previous",
            _hs("kvartal", "rutnat", hs_comparison="previous"),
            {},
        ),
        (Role.ANALYTIKER, "emerging", _hs("ar", "emerging"), {}),
        (
            Role.ANALYTIKER,
            "gistar_fdr",
            _hs("kvartal", "gistar", hs_fdr=True, hs_cell_size=200),
            {},
        ),
        (Role.ANALYTIKER, "too_few", _hs("vecka", "gistar", hs_weekdays=[6], hs_hours=(2, 4)), {}),
        (Role.ANALYTIKER, "cell", _hs_cell, {}),
        (
            Role.ANALYTIKER,
            "link",
            _nothing,
            {"area": "NKP-NAV", "period": "2026-Q3", "mode": "rutnat", "opt": "cell=200"},
        ),
        (Role.ANALYTIKER, "link_bad_options", _nothing, {"area": "NKP-KLO", "opt": "cell=7"}),
    ],
    "lagesbild": [
        (Role.ANALYTIKER, "default", _nothing, {}),
        (Role.MEDLEM, "default", _nothing, {}),
        (Role.ANALYTIKER, "kvartal", _lb_kind("kvartal"), {}),
        (Role.ANALYTIKER, "bad_code", _lb_kind("kalender", "2026-X9"), {}),
        (
            Role.ANALYTIKER,
            "link",
            _nothing,
            {"area": "NKP-NAV", "period": "2026-Q3", "cat": "ordning"},
        ),
    ],
    "karta": [
        (Role.ANALYTIKER, "default", _nothing, {}),
        (Role.MEDLEM, "default", _nothing, {}),
        (Role.ANALYTIKER, "area_kvartal", _karta("NKP-NAV", "kvartal"), {}),
        (Role.ANALYTIKER, "ar", _karta(None, "ar"), {}),
        (
            Role.ANALYTIKER,
            "categories_actors",
            _karta("NKP-NAV", "kvartal", f_categories=["skadegorelse.klotter"], f_actors=["polis"]),
            {},
        ),
        (Role.ANALYTIKER, "empty", _karta_empty, {}),
        (
            Role.ANALYTIKER,
            "link",
            _nothing,
            {"area": "NKP-NAV", "period": "2026-Q3", "cat": "ordning"},
        ),
    ],
    "rapportera": [
        (Role.ANALYTIKER, "default", _nothing, {}),
        (Role.ANALYTIKER, "invalid", _report("1, 2", complete=False), {}),
        (Role.ANALYTIKER, "saved", _report("58.5876, 16.1824", complete=True), {}),
        (Role.ANALYTIKER, "sweref", _report("6493100, 564900", complete=False), {}),
    ],
    "handlingsplan": [
        (Role.ANALYTIKER, "default", _nothing, {}),
        (Role.MEDLEM, "default", _nothing, {}),
        (Role.ANALYTIKER, "overdue", _plan_overdue, {}),
        (Role.ANALYTIKER, "add", _plan_add("Belysning vid *gångtunneln*"), {}),
        (Role.ANALYTIKER, "add_untitled", _plan_add(""), {}),
        (Role.ANALYTIKER, "edit_pick", _plan_edit, {}),
    ],
    "mote": [
        (Role.MEDLEM, "default", _nothing, {}),
        (Role.ANALYTIKER, "next", _mote_next, {}),
        (Role.ANALYTIKER, "link_step", _nothing, {"agenda": "1", "steg": "2"}),
    ],
    "admin": [
        (Role.ADMIN, "default", _nothing, {}),
        (Role.ADMIN, "audit_search", _admin_audit, {}),
        (
            Role.ADMIN,
            "add_user",
            _admin_form("admin_add_user", Användare="kim", Namn="Kim *K*"),
            {},
        ),
        (Role.ADMIN, "add_bad_name", _admin_form("admin_add_user", Användare="a b"), {}),
        (
            Role.ADMIN,
            "edit_role",
            _admin_form("admin_edit_user", with_user=True, Roll="analytiker"),
            {},
        ),
    ],
}


@pytest.fixture(scope="module")
def db(demo_template: Callable[[int], Path]) -> Path:
    return demo_template(N_INCIDENTS)


def _open(page: str, role: Role, params: dict[str, str]) -> AppTest:
    from ui.page_files import PAGE_FILES

    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["est_geo_role"] = role.value
    at.run()
    at.query_params.clear()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / PAGE_FILES[page][0]))
    at.run()
    return at


@pytest.mark.parametrize(
    ("page", "role", "name", "steps", "params"),
    [
        pytest.param(page, role, name, steps, params, id=f"{page}-{role.value}-{name}")
        for page, cases in CASES.items()
        for role, name, steps, params in cases
    ],
)
def test_page_renders_as_recorded(
    page: str,
    role: Role,
    name: str,
    steps: Steps,
    params: dict[str, str],
    demo_copy: Callable[[int], Path],
) -> None:
    demo_copy(N_INCIDENTS)
    # The clock stands on the recordings' day (ticking on from there): what a page shows
    # depends on today (a date field's default and its bounds ten years on, whether an
    # action is overdue), and a recording must not go stale at midnight.
    with time_machine.travel(page_trees.RECORDED_AT, tick=True):
        at = _open(page, role, params)
        steps(at)
        page_trees.check(page, f"{role.value}/{name}", at)
