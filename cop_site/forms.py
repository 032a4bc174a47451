"""Form rendering in GOV.UK Design System markup.

With `FORM_RENDERER` pointing here, `{{ form }}` and `{{ field.as_field_group }}` in
any template produce GOV.UK form groups: label, hint, error message, and the
component classes on the control itself. Django's widget templates are left
alone, so the Wagtail and Django admins, which render their own widgets, are
unaffected.
"""

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

# The GOV.UK class a control takes, and its modifier when the field has errors.
_CONTROL_CLASSES: dict[str, tuple[str, str]] = {
    "input": ("govuk-input", "govuk-input--error"),
    "password": (
        "govuk-input govuk-password-input__input govuk-js-password-input-input",
        "govuk-input--error",
    ),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
}

# Short answers read better in a narrower box (GOV.UK "input width" guidance).
_NARROW_INPUT_TYPES = {
    "number": "govuk-input--width-10",
    "date": "govuk-input--width-10",
    "time": "govuk-input--width-5",
}


def _kind(widget: forms.Widget) -> str:
    """Which GOV.UK pattern the field template should use for this widget."""
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, Input):
        return "input"
    return "other"


def _join(*classes: str) -> str:
    return " ".join(c for c in classes if c)


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"

    def render(self, template_name: str, context: dict[str, Any], request=None) -> str:
        if template_name == self.field_template_name and "field" in context:
            context = {**context, **self.field_context(context["field"])}
        return super().render(template_name, context, request=request)

    def field_context(self, field: forms.BoundField) -> dict[str, Any]:
        """Everything the field template needs that Django templates cannot compute."""
        widget = field.field.widget
        kind = _kind(widget)
        auto_id = field.auto_id or ""
        hint_id = f"{auto_id}_helptext" if field.help_text and auto_id else ""
        error_id = f"{auto_id}_error" if field.errors and auto_id else ""
        describedby = _join(widget.attrs.get("aria-describedby", ""), hint_id, error_id)
        context: dict[str, Any] = {
            "kind": kind,
            "hint_id": hint_id,
            "error_id": error_id,
            "describedby": describedby,
            "optional": not field.field.required and kind not in {"checkbox", "checkboxes"},
        }
        if kind in {"radios", "checkboxes"}:
            context["options"] = self._options(field, kind)
        elif kind == "checkbox":
            context["control"] = field.as_widget(
                attrs={
                    "class": _join(widget.attrs.get("class", ""), "govuk-checkboxes__input"),
                    **({"aria-describedby": describedby} if describedby else {}),
                }
            )
        elif kind in _CONTROL_CLASSES:
            context.update(self._control(field, kind, describedby))
        return context

    def _control(self, field: forms.BoundField, kind: str, describedby: str) -> dict[str, Any]:
        widget = field.field.widget
        base, error = _CONTROL_CLASSES[kind]
        narrow = _NARROW_INPUT_TYPES.get(getattr(widget, "input_type", ""), "")
        if widget.attrs.get("autocomplete") == "one-time-code":
            narrow = "govuk-input--width-10 govuk-input--extra-letter-spacing"
        attrs: dict[str, Any] = {
            "class": _join(
                base, narrow, widget.attrs.get("class", ""), error if field.errors else ""
            ),
        }
        maxlength = None
        if kind == "textarea" and widget.attrs.get("maxlength"):
            # GOV.UK's character count replaces the browser's hard limit, which
            # silently cuts off pasted text; the form still enforces max_length.
            maxlength = widget.attrs["maxlength"]
            attrs["class"] = _join(attrs["class"], "govuk-js-character-count")
            attrs["maxlength"] = False
            describedby = _join(describedby, f"{field.auto_id}-info")
        if widget.attrs.get("placeholder"):
            # GOV.UK forms never use placeholders: they vanish on typing and are
            # easily mistaken for an answer. Labels and hints carry the text.
            attrs["placeholder"] = False
        if kind == "password":
            attrs.update(spellcheck="false", autocapitalize="none")
        if describedby:
            attrs["aria-describedby"] = describedby
        return {"control": field.as_widget(attrs=attrs), "maxlength": maxlength}

    def _options(self, field: forms.BoundField, kind: str) -> list[dict[str, Any]]:
        """Radio or checkbox items with GOV.UK classes, keeping Django's names, ids and state."""
        input_class = "govuk-radios__input" if kind == "radios" else "govuk-checkboxes__input"
        options = []
        for subwidget in field.subwidgets:
            data = dict(subwidget.data)
            data["attrs"] = {**data["attrs"], "class": input_class}
            options.append(
                {
                    "id": data["attrs"].get("id", ""),
                    "name": data["name"],
                    "type": data["type"],
                    "value": data["value"],
                    "label": data["label"],
                    "widget": data,
                }
            )
        return options


# Django's "This field is required." does not say which field; in an error summary listing
# several, nobody can tell them apart. Fields keeping that default are named instead.
_DEFAULT_REQUIRED = forms.Field.default_error_messages["required"]
_CHOSEN_KINDS = {"radios", "checkboxes", "checkbox", "select"}


def _required_message(field: forms.BoundField) -> str:
    label = str(field.label or field.name.replace("_", " ")).strip().rstrip(":")
    # Lower-case the first letter of an ordinary word ("Email address"), not of an
    # abbreviation ("PCF domain").
    if label[:1].isupper() and not label[:2].isupper():
        label = label[:1].lower() + label[1:]
    verb = "Select" if _kind(field.field.widget) in _CHOSEN_KINDS else "Enter"
    return f"{verb} {label}"


def field_error_messages(field: forms.BoundField) -> list[str]:
    """The messages shown for ``field``'s errors, beside it and in the error summary.

    A field left empty that has no message of its own is named: "Enter display name"
    rather than "This field is required.".
    """
    messages = []
    for error in field.errors.as_data():
        for message in error:
            if error.code == "required" and str(message) == str(_DEFAULT_REQUIRED):
                message = _required_message(field)
            messages.append(str(message))
    return messages
