"""Foodie's monitoring: Prometheus config and rules, Grafana dashboards, the live check."""
