"""The pieces of `make monitoring-check` that need no live Prometheus: PromQL splitting,
Grafana variable substitution and the allow-list."""

from __future__ import annotations

from monitoring import live_check, promql


def test_selectors_skip_functions_aggregations_and_label_lists():
    expr = (
        'sum by (le, view) (rate(a_bucket{job="foodie", view!~"x|y"}[5m] offset 1h))'
        " / on (job) group_left (instance) b"
        ' + {__name__="c"} * vector(0) or histogram_quantile(0.9, d) > bool 1e3'
    )
    assert promql.selectors(expr) == [
        'a_bucket{job="foodie", view!~"x|y"}',
        "b",
        '{__name__="c"}',
        "d",
    ]


def test_selectors_ignore_strings_and_comments():
    expr = 'label_replace(up{job="a"}, "dst", "$1", "src", "(.*)") # not_a_metric\n'
    assert promql.selectors(expr) == ['up{job="a"}']


def test_operands_split_set_operators_then_comparisons():
    expr = "(sum(a) / sum(b)) > 0.02\nand\nsum(c) > 0.1 or d == 0 unless on (job) e < bool 2"
    assert promql.operands(expr) == ["sum(a) / sum(b)", "sum(c)", "d", "e"]


def test_operands_keep_comparisons_inside_parentheses():
    expr = "used / (max > 0) > 0.9"
    assert promql.operands(expr) == ["used / (max > 0)"]
    assert promql.operands("rate(x[5m])") == ["rate(x[5m])"]


def test_substitute_formats_multi_values_as_grafana_does():
    window = live_check.Window(start=0, end=600, step=5)
    variables = {"page_type": "(recipes\\\\.RecipePage|other)"}
    expr = 'rate(x{page_type=~"$page_type"}[$__rate_interval]) + increase(y[${__range}])'
    assert live_check.substitute(expr, variables, window, interval=5) == (
        'rate(x{page_type=~"(recipes\\\\.RecipePage|other)"}[20s]) + increase(y[600s])'
    )
    assert live_check.grafana_escape("recipes.RecipePage") == "recipes\\\\.RecipePage"


def test_has_finite_data_ignores_nan():
    assert not live_check.has_finite_data([{"values": [[1, "NaN"], [2, "NaN"]]}])
    assert live_check.has_finite_data([{"values": [[1, "NaN"], [2, "0"]]}])
    assert not live_check.has_finite_data([])


def test_allowlist_entries_are_reasoned_and_match_by_substring():
    allowlist = live_check.load_allowlist()
    assert allowlist and all(len(entry.reason) > 20 for entry in allowlist)
    selector = 'x_total{job="foodie", status=~"5..", view!~"health"}'
    assert live_check.allowance_for(selector, allowlist).selector == 'status=~"5.."'
    assert live_check.allowance_for('x_total{status="200"}', allowlist) is None
