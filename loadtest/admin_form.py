"""A Wagtail page edit form as the browser would post it, read from the edit view's HTML.

StreamFields reach the browser as JSON (telepath: the block definitions and the value)
and are turned into form fields by the admin's JavaScript; ``edit_form_data`` does the
same, walking the value with its definitions: streams, lists and structs become their
prefixed fields, a table block's value is posted as JSON (as TableInput does) and a
chooser's as the chosen object's id.
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
        # StreamField name -> (block definition, value), as the admin's JS receives them.
        self.streams: dict[str, tuple[Any, Any]] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if "data-w-block-arguments-value" in attributes:
            definition = _unpack(json.loads(attributes["data-w-block-data-value"]))
            value = json.loads(attributes["data-w-block-arguments-value"])[0]
            self.streams[attributes["id"]] = (definition, value)
        if tag == "option" and self._select and "selected" in attributes:
            self.fields.append((self._select, attributes.get("value") or ""))
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
        elif tag == "select":
            self._select = name

    def handle_data(self, data: str) -> None:
        if self._textarea:
            name, value = self.fields[-1]
            # A newline right after <textarea> is not part of the value (HTML's rule).
            self.fields[-1] = (name, value + (data if value else data.removeprefix("\n")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _unpack(tree: Any) -> Any:
    """A telepath-packed tree with every ``{"_ref": n}`` replaced by object ``n``."""
    objects: dict[int, Any] = {}

    def index(node: Any) -> None:
        if isinstance(node, dict):
            if "_id" in node:
                objects[node["_id"]] = node
            for child in node.values():
                index(child)
        elif isinstance(node, list):
            for child in node:
                index(child)

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "_ref" in node:
                return resolve(objects[node["_ref"]])
            return {key: resolve(child) for key, child in node.items()}
        if isinstance(node, list):
            return [resolve(child) for child in node]
        return node

    index(tree)
    return resolve(tree)


def _named_blocks(nodes: Any) -> dict[str, dict]:
    """Child block definitions by name, looking through groups (a stream's
    ``[group, [blocks]]`` pairs, a struct's BlockGroups)."""
    found: dict[str, dict] = {}
    for node in nodes if isinstance(nodes, list) else [nodes]:
        if isinstance(node, dict) and node.get("_type", "").endswith("Block"):
            found[node["_args"][0]] = node
        elif isinstance(node, dict | list):
            found |= _named_blocks(node.get("_args", []) if isinstance(node, dict) else node)
    return found


def _encode(prefix: str, definition: dict, value: Any, out: list) -> None:
    kind, args = definition["_type"], definition["_args"]
    if kind in ("wagtail.blocks.StreamBlock", "wagtail.blocks.ListBlock"):
        children = _named_blocks(args[1]) if kind.endswith("StreamBlock") else None
        out.append((f"{prefix}-count", str(len(value))))
        for n, item in enumerate(value):
            child = f"{prefix}-{n}"
            out += [(f"{child}-id", item.get("id") or ""), (f"{child}-deleted", ""),
                    (f"{child}-order", str(n))]  # fmt: skip
            if children is not None:
                out.append((f"{child}-type", item["type"]))
            block = children[item["type"]] if children is not None else args[1]
            _encode(f"{child}-value", block, item["value"], out)
    elif kind == "wagtail.blocks.StructBlock":
        children = _named_blocks(args[1])
        for key, child_value in value.items():
            _encode(f"{prefix}-{key}", children[key], child_value, out)
    else:
        widget = args[1].get("_type") if kind == "wagtail.blocks.FieldBlock" else None
        if widget in JSON_WIDGETS:
            out.append((prefix, json.dumps(value)))
        elif widget in CHOOSER_WIDGETS:
            out.append((prefix, str(value["id"]) if value else ""))
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
    for name, (definition, value) in form.streams.items():
        _encode(name, definition, value, data)
    return data
