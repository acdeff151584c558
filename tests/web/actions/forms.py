"""What a browser would send: the forms of an HTML page, read with the standard library's parser.

``forms_of(html)`` finds every ``<form>`` with its controls; ``HtmlForm.data(button=..., **changes)``
is what submitting it sends: every named control with its value (checked radios and checkboxes
only, the selected option, the clicked button and no other), with ``changes`` typed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any


@dataclass
class Control:
    tag: str
    name: str
    type: str
    value: str
    checked: bool = False


@dataclass
class HtmlForm:
    action: str
    method: str
    controls: list[Control] = field(default_factory=list)

    def buttons(self) -> list[Control]:
        return [c for c in self.controls if c.tag == "button" and c.type == "submit"]

    def names(self) -> set[str]:
        return {c.name for c in self.controls}

    def value(self, name: str) -> str | None:
        for control in self.controls:
            if control.name == name and control.tag != "button":
                return control.value
        return None

    def data(self, button: str | None = None, **changes: Any) -> list[tuple[str, str]]:
        """The submitted pairs; ``button`` is the name of the clicked submit button (if it has one)."""
        pairs = []
        for control in self.controls:
            if control.tag == "button" or not control.name or control.type == "submit":
                continue
            if control.type in ("radio", "checkbox") and not control.checked:
                continue
            pairs.append((control.name, control.value))
        if button is not None:
            clicked = [c for c in self.buttons() if c.name == button]
            assert clicked, f"no button named {button!r} in the form (buttons: {[c.name for c in self.buttons()]})"
            pairs.append((clicked[0].name, clicked[0].value))
        for name, value in changes.items():
            name = name.replace("__", "-")
            pairs = [(key, old) for key, old in pairs if key != name] + [(name, str(value))]
        return pairs


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: Control | None = None
        self._option: dict | None = None
        self._text: Control | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = HtmlForm(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "input" and "name" in a:
            kind = a.get("type", "text").lower()
            self._form.controls.append(Control(tag, a["name"], kind, a.get("value", ""), "checked" in a))
        elif tag == "button":
            name = a.get("name", "")
            control = Control(tag, name, a.get("type", "submit").lower(), a.get("value", ""))
            self._form.controls.append(control)
        elif tag == "select" and "name" in a:
            self._select = Control(tag, a["name"], "select", "")
            self._form.controls.append(self._select)
            self._first_option = True
        elif tag == "option" and self._select is not None:
            if self._first_option or "selected" in a:
                self._select.value = a.get("value", "")
            self._first_option = False
        elif tag == "textarea" and "name" in a:
            self._text = Control(tag, a["name"], "textarea", "")
            self._form.controls.append(self._text)

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._text is not None:
            self._text.value = self._text.value.removeprefix("\r").removeprefix("\n")
            self._text = None


def forms_of(html: str) -> list[HtmlForm]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def post_forms(html: str) -> list[HtmlForm]:
    return [form for form in forms_of(html) if form.method == "post"]
