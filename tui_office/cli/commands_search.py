"""Provides `search`: the documents the current user may see that match words and filters."""

from __future__ import annotations

import argparse
import sys

from tui_office.cli.context import bounded_int, current_user, open_office, print_json, say
from tui_office.i18n import t
from tui_office.services import search


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="find documents you may see by words in them and filters "
                                      "(form: status: from: to: dept: by:), newest first")
    p.add_argument("query", nargs="*", metavar="WORD",
                   help="words and filters, quoted together or given one by one (form:leave status:approved)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=bounded_int(1, search.MAX_LIMIT), default=search.PAGE, metavar="N",
                   help=f"at most N documents (1–{search.MAX_LIMIT}, default {search.PAGE})")
    p.add_argument("--rebuild", action="store_true", help="administrators: build the search index anew")
    p.set_defaults(func=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    if args.rebuild:
        count = search.rebuild(office, me.login)
        say(t("search.rebuilt", count=count))
        return 0
    result = search.find(office, me.login, " ".join(args.query), limit=args.limit)
    if args.json:
        print_json({"results": [hit.to_json() for hit in result.hits], "more": result.more})
        return 0
    from tui_office.cli.table import print_table

    print_table(["number", "form", "title", "initiator", "status", "match"],
                [[h.number, h.form_title, h.title, h.initiator_name, t(f"status.{h.status}"), h.excerpt]
                 for h in result.hits])
    if result.more:
        say(t("search.more", count=len(result.hits)), file=sys.stderr)
    return 0

