#!/usr/bin/env python3
"""Render Foodie's Nginx templates from the environment.

The same substitution the official nginx image performs on /etc/nginx/templates at
start (envsubst of the defined variables), limited to ``NGINX_*`` names so Nginx's
own ``$variables`` are left alone, and strict: a template naming an unset variable
is an error rather than an empty string in the config.

    python nginx/render.py OUT_DIR    # nginx.conf.template -> OUT_DIR/nginx.conf,
                                      # nginx/templates/** -> OUT_DIR/conf.d/**
    python nginx/render.py --role balancer OUT_DIR
                                      # balancer.conf.template -> OUT_DIR/nginx.conf,
                                      # with the TLS front it shares with the site

then ``nginx -p OUT_DIR -c OUT_DIR/nginx.conf``. The native stack, the tests and the
Nginx image (nginx/Dockerfile) all start Nginx this way: one configuration.

Standard library only, so it runs anywhere Python does.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
SUFFIX = ".template"
# Each role's main template and the templates under nginx/templates it includes
# (None: all of them). The balancer in front of several nodes shares the site's TLS
# front and its "back shortly" page, nothing else.
ROLES: dict[str, tuple[Path, tuple[str, ...] | None]] = {
    "site": (HERE / "nginx.conf.template", None),
    "balancer": (
        HERE / "balancer.conf.template",
        ("foodie/tls-front.inc.template", "foodie/unavailable.html.template"),
    ),
}
VARIABLE = re.compile(r"\$\{(NGINX_[A-Z0-9_]+)\}|\$(NGINX_[A-Z0-9_]+)")


class MissingVariables(KeyError):
    """Templates name environment variables that are not set."""


def render_text(text: str, env: Mapping[str, str]) -> str:
    missing: set[str] = set()

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        if name not in env:
            missing.add(name)
            return match.group(0)
        return env[name]

    result = VARIABLE.sub(substitute, text)
    if missing:
        raise MissingVariables(", ".join(sorted(missing)))
    return result


def role_templates(role: str) -> tuple[Path, list[Path]]:
    """The role's main template and the nginx/templates files it includes."""
    main, included = ROLES[role]
    if included is None:
        return main, sorted(TEMPLATES.rglob(f"*{SUFFIX}"))
    return main, [TEMPLATES / name for name in included]


def render_tree(out_dir: Path, env: Mapping[str, str], role: str = "site") -> list[Path]:
    """Render the role's main template to ``out_dir/nginx.conf`` and its templates
    under nginx/templates into ``out_dir/conf.d``; copy the system's ``mime.types``
    beside them and make ``out_dir/tmp`` for the temp paths, so
    ``nginx -p out_dir -c out_dir/nginx.conf`` is complete."""
    written = []
    conf_d = out_dir / "conf.d"
    main, templates = role_templates(role)
    for template in templates:
        target = conf_d / template.relative_to(TEMPLATES).with_suffix("")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_text(template.read_text(), env))
        written.append(target)
    target = out_dir / "nginx.conf"
    target.write_text(render_text(main.read_text(), env))
    written.append(target)
    mime_types = Path(env.get("NGINX_MIME_TYPES", "/etc/nginx/mime.types"))
    if mime_types.exists():
        shutil.copyfile(mime_types, out_dir / "mime.types")
    (out_dir / "tmp").mkdir(exist_ok=True)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", choices=sorted(ROLES), default="site")
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    try:
        for path in render_tree(args.out_dir, os.environ, args.role):
            print(path)
    except MissingVariables as error:
        print(f"nginx/render.py: set these environment variables: {error.args[0]}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
