"""The deployment helpers that need no running stack: Nginx rendering, Gunicorn's
config, static precompression."""

import gzip
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "nginx"))
from render import MissingVariables, render_text, render_tree, role_templates  # noqa: E402

sys.path.insert(0, str(REPO / "deploy"))
from compress_static import compress_tree  # noqa: E402


def test_render_substitutes_only_nginx_variables():
    text = "proxy_pass http://${NGINX_UPSTREAM}; set $x $host; root $NGINX_ROOT;"

    rendered = render_text(text, {"NGINX_UPSTREAM": "web:8000", "NGINX_ROOT": "/srv"})

    assert rendered == "proxy_pass http://web:8000; set $x $host; root /srv;"


def test_render_refuses_unset_variables():
    with pytest.raises(MissingVariables, match="NGINX_A, NGINX_B"):
        render_text("${NGINX_B} ${NGINX_A} ${NGINX_SET}", {"NGINX_SET": "1"})


def template_variables(role: str = "site") -> set[str]:
    main, templates = role_templates(role)
    names = set()
    for template in (main, *templates):
        names |= set(re.findall(r"\$\{(NGINX_[A-Z0-9_]+)\}", template.read_text()))
    return names


def test_compose_and_the_native_runner_set_every_template_variable(monkeypatch):
    compose = subprocess.run(
        [str(Path(sys.executable).parent / "docker-compose"), "--env-file", ".env.example",
         "-f", "docker-compose.yml", "config", "--format", "json"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    from_compose = set(json.loads(compose.stdout)["services"]["nginx"]["environment"])
    from_runner = set(native_runner(monkeypatch).nginx_env(Path("/c"), Path("/k")))

    needed = template_variables()
    assert needed <= from_compose
    assert needed <= from_runner


def native_runner(monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "deploy"))  # stack.py imports processes.py
    spec = importlib.util.spec_from_file_location("stack", REPO / "deploy" / "stack.py")
    stack = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stack)
    return stack


def test_the_runner_renders_a_balancer_in_front_of_offloaded_nodes(monkeypatch, tmp_path):
    stack = native_runner(monkeypatch)
    nodes = [stack.Node(1, 2), stack.Node(2, 2)]
    balancer = stack.balancer_env(Path("/c"), Path("/k"), nodes)

    assert template_variables("balancer") <= set(balancer)
    written = render_tree(tmp_path, balancer, "balancer")
    assert {p.relative_to(tmp_path).as_posix() for p in written} == {
        "nginx.conf",
        "conf.d/foodie/tls-front.inc",
        "conf.d/foodie/unavailable.html",
    }
    upstream = (tmp_path / "nginx.conf").read_text()
    for node in nodes:
        edge = stack.nginx_env(Path("/c"), Path("/k"), node)
        assert edge["NGINX_TLS"] == "offloaded"
        assert f"server {edge['NGINX_LISTEN_HTTP']} max_fails=1" in upstream
        # The balancer connects from the one address the nodes answer.
        assert edge["NGINX_INTERNAL_NETWORK"] == balancer["NGINX_BALANCER_SOURCE_ADDRESS"] + "/32"
    assert (
        len({stack.nginx_env(Path("/c"), Path("/k"), n)["NGINX_LISTEN_PURGE"] for n in nodes}) == 2
    )


def test_render_tree_writes_conf_d_and_the_main_file(tmp_path):
    env = dict.fromkeys(template_variables(), "x") | {"NGINX_TLS": "on"}

    written = render_tree(tmp_path, env)

    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert {"conf.d/foodie.conf", "conf.d/foodie/site-on.inc", "nginx.conf"} <= names
    assert "${" not in (tmp_path / "nginx.conf").read_text()
    assert (tmp_path / "tmp").is_dir()  # the temp paths' parent
    assert "${" not in (tmp_path / "conf.d" / "foodie.conf").read_text()


def test_render_matches_the_images_envsubst(tmp_path):
    """The nginx image renders with envsubst: both must give the same file."""
    envsubst = subprocess.run(["which", "envsubst"], capture_output=True, text=True).stdout.strip()
    if not envsubst:
        pytest.skip("envsubst (gettext-base) not installed")
    env = {name: f"<{name.lower()}>" for name in template_variables()}
    shell_format = " ".join(f"${{{name}}}" for name in env)
    for template in (REPO / "nginx" / "templates").rglob("*.template"):
        expected = subprocess.run(
            [envsubst, shell_format], input=template.read_text(), env=env,
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert render_text(template.read_text(), env) == expected, template


def test_gunicorn_defaults(monkeypatch):
    for name in ("GUNICORN_WORKERS", "GUNICORN_WORKER_CLASS", "GUNICORN_THREADS",
                 "GUNICORN_BIND", "FORWARDED_ALLOW_IPS"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", REPO / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)

    assert conf.bind == "127.0.0.1:8000"
    assert conf.worker_class == "gthread"
    assert conf.workers >= 2 and conf.threads == 4
    assert conf.forwarded_allow_ips == "127.0.0.1,::1"
    assert conf.secure_scheme_headers == {"X-FORWARDED-PROTO": "https"}
    assert conf.graceful_timeout < conf.timeout
    assert conf.max_requests and conf.max_requests_jitter
    assert conf.accesslog == "-"


def test_gunicorn_accepts_its_config():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "-c", "gunicorn.conf.py",
         "foodie.wsgi"],
        cwd=REPO, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "foodie.settings.test"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_compress_static_writes_gz_beside_large_text_files(tmp_path):
    (tmp_path / "app.css").write_text("body { color: red; }\n" * 100)
    (tmp_path / "tiny.js").write_text("x")
    (tmp_path / "photo.jpg").write_bytes(b"\xff" * 2000)

    assert compress_tree(tmp_path) == 1
    assert gzip.decompress((tmp_path / "app.css.gz").read_bytes()).startswith(b"body")
    assert not (tmp_path / "tiny.js.gz").exists()
    assert compress_tree(tmp_path) == 0  # Up to date: nothing rewritten.
