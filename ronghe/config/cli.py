"""The `ronghe` console script: every manage.py command, plus short names (`ronghe serve`, `ronghe worker`,
`ronghe demo`, `ronghe createadmin`, `ronghe check-integrity`, `ronghe audit verify`)."""

import os
import sys

ALIASES = {
    "check-integrity": "check_integrity",
    "mail-gateway": "mail_gateway",
    "approvals-tick": "approvals_tick",
}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ronghe.config.settings")
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
