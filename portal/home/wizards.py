"""What the portal's multi-step forms (pupil reports, location requests) share."""

from __future__ import annotations

from django.http import HttpResponseRedirect


class GuardedStepsMixin:
    """A posted step name the form does not have (a tampered page, or a step that no longer
    applies because an earlier answer was changed in another tab) is sent back to the step the
    form is really on, instead of failing inside django-formtools."""

    def post(self, *args, **kwargs):
        posted = self.request.POST.get(f"{self.prefix}-current_step")
        if posted is not None and posted not in self.get_form_list():
            current = self.steps.current
            if current not in self.get_form_list():
                current = self.steps.first
            return HttpResponseRedirect(self.get_step_url(current))
        return super().post(*args, **kwargs)


class NoSilentTruncationMixin:
    """Browsers cut pasted text at a textarea's ``maxlength`` without a word, so the form's own
    "please use N characters or fewer" message (which keeps the text) could never be seen. The
    length is still checked on the server."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.widget.__class__.__name__ == "Textarea":
                field.widget.attrs.pop("maxlength", None)
