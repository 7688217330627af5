"""``est-geo user add|list|set-role|set-password|disable|enable``: local accounts.

The operator running the CLI has the server's files in hand, so the CLI acts as an
administrator (recorded as ``cli:<os user>`` in the audit trail). Passwords are read from
a prompt (twice) or, with ``--password-stdin``, from the first line of standard input —
never from the command line, where they would end up in shell history and ``ps``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from est_geo.access.roles import Role
from est_geo.core.config import DEFAULT_DATABASE_PATH, configured_language
from est_geo.core.errors import EstGeoError, StoreError, keyed_error
from est_geo.i18n import translate

#: Columns of ``user list``.
_COLUMNS = ("user", "role", "status", "password", "last_login")


def register(sub: Any) -> None:
    """Attach the sub-command and its own sub-commands."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser("user", help=translate("cli.user.help", lang))
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", default=str(DEFAULT_DATABASE_PATH), help=translate("cli.db.file.help", lang)
    )
    actions = p.add_subparsers(dest="user_command", required=True)
    roles = [r.value for r in Role if r is not Role.PUBLIC]

    add = actions.add_parser("add", parents=[common], help=translate("cli.user.add.help", lang))
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=roles)
    add.add_argument("--name", default="", help=translate("cli.user.name.help", lang))
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help=translate("cli.user.password_stdin.help", lang),
    )
    add.add_argument(
        "--no-password",
        action="store_true",
        help=translate("cli.user.no_password.help", lang),
    )
    add.set_defaults(func=_add)

    lst = actions.add_parser("list", parents=[common], help=translate("cli.user.list.help", lang))
    lst.set_defaults(func=_list)

    role = actions.add_parser(
        "set-role", parents=[common], help=translate("cli.user.set_role.help", lang)
    )
    role.add_argument("username")
    role.add_argument("role", choices=roles)
    role.set_defaults(func=_set_role)

    pw = actions.add_parser(
        "set-password", parents=[common], help=translate("cli.user.set_password.help", lang)
    )
    pw.add_argument("username")
    pw.add_argument(
        "--password-stdin",
        action="store_true",
        help=translate("cli.user.password_stdin.help", lang),
    )
    pw.set_defaults(func=_set_password)

    for name, disabled in (("disable", True), ("enable", False)):
        d = actions.add_parser(
            name, parents=[common], help=translate(f"cli.user.{name}.help", lang)
        )
        d.add_argument("username")
        d.set_defaults(func=_disable, disabled=disabled)


def _actor() -> str:
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "okänd"
    return f"cli:{who}"


def _store(args: argparse.Namespace) -> Any:
    from est_geo.store import open_store
    from est_geo.store.base import UserStore

    store = open_store(args.db)
    if not isinstance(store, UserStore):
        raise keyed_error(StoreError, "cli.user.no_store")
    return store


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise keyed_error(EstGeoError, "cli.user.no_terminal")
    lang = configured_language()
    first = getpass.getpass(translate("cli.user.password.prompt", lang))
    second = getpass.getpass(translate("cli.user.password.again", lang))
    if first != second:
        raise keyed_error(EstGeoError, "cli.user.password.differ")
    return first


def _add(args: argparse.Namespace) -> int:
    from est_geo.access.accounts import create_user

    password = None if args.no_password else _read_password(args.password_stdin)
    record = create_user(
        _store(args),
        args.username,
        role=args.role,
        password=password,
        display_name=args.name,
        actor=_actor(),
    )
    print(
        translate("cli.user.created", configured_language(), user=record.username, role=record.role)
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    lang = configured_language()
    users = _store(args).users()
    if not users:
        print(translate("cli.user.none", lang))
        return 0
    col = {c: translate(f"cli.user.col.{c}", lang) for c in _COLUMNS}
    print(
        f"{col['user']:<30} {col['role']:<11} {col['status']:<9} {col['password']:<9} "
        f"{col['last_login']}"
    )
    for u in users:
        status = translate("cli.user.disabled" if u.disabled else "cli.user.active", lang)
        password = translate(
            "cli.user.has_password" if u.password_hash else "cli.user.idp_only", lang
        )
        print(f"{u.username:<30} {u.role:<11} {status:<9} {password:<9} {u.last_login or '–'}")
    return 0


def _set_role(args: argparse.Namespace) -> int:
    from est_geo.access.accounts import set_role

    record = set_role(_store(args), args.username, args.role, actor=_actor(), actor_role=Role.ADMIN)
    print(
        translate(
            "cli.user.role_set", configured_language(), user=record.username, role=record.role
        )
    )
    return 0


def _set_password(args: argparse.Namespace) -> int:
    from est_geo.access.accounts import set_password

    password = _read_password(args.password_stdin)
    set_password(_store(args), args.username, password, actor=_actor(), actor_role=Role.ADMIN)
    print(translate("cli.user.password_set", configured_language(), user=args.username))
    return 0


def _disable(args: argparse.Namespace) -> int:
    from est_geo.access.accounts import disable_user

    record = disable_user(
        _store(args),
        args.username,
        actor=_actor(),
        actor_role=Role.ADMIN,
        disabled=args.disabled,
    )
    lang = configured_language()
    state = translate("cli.user.disabled" if record.disabled else "cli.user.active", lang)
    print(translate("cli.user.state", lang, user=record.username, state=state))
    return 0
