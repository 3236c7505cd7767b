"""A Wagtail page edit form as the browser would post it, read from the edit view's HTML.

StreamFields reach the browser as JSON (telepath) and are turned into form fields by
the admin's JavaScript; ``edit_form_data`` does the same for the shapes our blocks use:
streams (``type``/``value``/``id`` items), lists (``value``/``id`` items), structs
(dicts), and leaves, where a table block's value is posted as JSON (as TableInput does)
and a chooser's as the chosen object's id.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

JSON_WIDGETS = {"wagtail.widgets.TableInput"}
CHOOSER_WIDGETS = {
    "wagtail.widgets.PageChooser",
    "wagtail.images.widgets.ImageChooser",
    "wagtail.documents.widgets.DocumentChooser",
    "wagtail.snippets.widgets.SnippetChooser",
}
SKIPPED_INPUT_TYPES = {"submit", "button", "range"}


class _EditForm(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.streams: dict[str, Any] = {}
        self.widgets: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if "data-w-block-arguments-value" in attributes:
            self.streams[attributes["id"]] = json.loads(attributes["data-w-block-arguments-value"])[
                0
            ]
            self.widgets |= _leaf_widgets(json.loads(attributes["data-w-block-data-value"]))
        name = attributes.get("name")
        if not name or "__prefix__" in name or name.startswith(("action-", "preview-size")):
            return
        if tag == "input":
            kind = attributes.get("type", "text")
            unchecked = kind in ("checkbox", "radio") and "checked" not in attributes
            if kind not in SKIPPED_INPUT_TYPES and not unchecked:
                self.fields.append((name, attributes.get("value") or ""))
        elif tag == "textarea":
            self._textarea = name
            self.fields.append((name, ""))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def _leaf_widgets(definition: Any) -> dict[str, str]:
    """Field block name -> its widget's type, for the widgets that post other than their
    state, in a telepath-packed block definition."""
    objects: dict[int, dict] = {}

    def index(node: Any) -> None:
        if isinstance(node, dict):
            if "_id" in node:
                objects[node["_id"]] = node
            for child in node.values():
                index(child)
        elif isinstance(node, list):
            for child in node:
                index(child)

    index(definition)
    widgets = {}
    for node in [definition, *objects.values()]:
        stack = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                widget = (
                    item.get("_args", [None, None])[1]
                    if item.get("_type") == "wagtail.blocks.FieldBlock"
                    else None
                )
                widget = (
                    objects.get(widget["_ref"], widget)
                    if isinstance(widget, dict) and "_ref" in widget
                    else widget
                )
                kind = widget.get("_type") if isinstance(widget, dict) else None
                if kind in JSON_WIDGETS | CHOOSER_WIDGETS:
                    widgets[item["_args"][0]] = kind
                stack.extend(item.values())
    return widgets


def _flatten(prefix: str, name: str, value: Any, widgets: dict[str, str], out: list) -> None:
    if widgets.get(name) in JSON_WIDGETS:
        out.append((prefix, json.dumps(value)))
    elif widgets.get(name) in CHOOSER_WIDGETS:
        out.append((prefix, str(value["id"]) if value else ""))
    elif isinstance(value, list) and all(isinstance(i, dict) and "value" in i for i in value):
        out.append((f"{prefix}-count", str(len(value))))
        for n, item in enumerate(value):
            child = f"{prefix}-{n}"
            out += [(f"{child}-id", item.get("id") or ""), (f"{child}-deleted", ""),
                    (f"{child}-order", str(n))]  # fmt: skip
            if "type" in item:  # a stream's child; a list's items have none
                out.append((f"{child}-type", item["type"]))
            _flatten(f"{child}-value", item.get("type", name), item["value"], widgets, out)
    elif isinstance(value, dict):
        for key, child_value in value.items():
            _flatten(f"{prefix}-{key}", key, child_value, widgets, out)
    elif isinstance(value, list):
        out += [(prefix, str(item)) for item in value]
    elif value is True:
        out.append((prefix, "on"))
    elif value is not None and value is not False:
        out.append((prefix, str(value)))


def edit_form_data(html: str) -> list[tuple[str, str]]:
    """The fields a browser would post from this edit view, drafts' and publishes' alike."""
    form = _EditForm()
    form.feed(html)
    data = list(form.fields)
    for name, value in form.streams.items():
        _flatten(name, name, value, form.widgets, data)
    return data
