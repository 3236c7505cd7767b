"""Grafana provisioning and the generator of Foodie's dashboards (build.py)."""
