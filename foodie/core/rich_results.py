"""Google's rich results, checked while editors edit (issue 19, item 6).

A page type mixes in ``RichResultsMixin`` and says what its content lacks for Google's
rich result of its kind (``rich_result_problems()``, next to the JSON-LD it writes).
Editors see the list at the top of the editing form (``RichResultsPanel``), for the
draft they are editing; each save stores how many there are, so the type's page
listing (``rich_results_admin.RichResultsListingViewSet``) can show and filter them.
Nothing here ever blocks a save or a publish.
"""

from typing import NamedTuple

from django.db import models

from wagtail.admin.panels import Panel

# Google's floor for a recipe's or an article's image: width times height.
MIN_IMAGE_PIXELS = 50_000


class Problem(NamedTuple):
    """Something Google's rich result wants that the page lacks (or has wrong)."""

    field: str  # the editing form's label of the field to fix
    message: str
    required: bool = False  # without it there is no rich result at all


def image_problems(image, field: str, *, required: bool) -> list[Problem]:
    """The page's main image: present, and large enough for Google."""
    if image is None:
        return [Problem(field, "Add an image: it is what a rich result shows first.", required)]
    if image.width * image.height < MIN_IMAGE_PIXELS:
        message = (
            f"The image is {image.width} by {image.height} pixels; Google needs at "
            f"least {MIN_IMAGE_PIXELS:,} pixels (width times height)."
        )
        return [Problem(field, message, required)]
    return []


class RichResultsMixin(models.Model):
    """Mixed into a page model before ``FoodiePage``; it defines
    ``rich_result_problems()``."""

    # None: not checked since the field was added (``manage.py check_rich_results``).
    rich_result_problem_count = models.PositiveSmallIntegerField(
        "rich-result problems", null=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        # The count is the draft's, as the editing form shows it. A draft's save writes
        # Wagtail's revision fields from the page as the editor left it: the count
        # goes with them. A full save (a publish, an unpublish) holds the live content:
        # while a newer draft exists, the count is that draft's.
        if update_fields is None:
            draft = self
            if self.has_unpublished_changes and self.latest_revision_id:
                draft = self.get_latest_revision_as_object()
            self.rich_result_problem_count = len(draft.rich_result_problems())
        elif "latest_revision" in update_fields:
            self.rich_result_problem_count = len(self.rich_result_problems())
            update_fields = {*update_fields, "rich_result_problem_count"}
        return super().save(*args, update_fields=update_fields, **kwargs)

    def rich_result_problems(self) -> list[Problem]:
        raise NotImplementedError


def check_rich_results(model: type[RichResultsMixin]) -> int:
    """Store every ``model`` page's problem count, from its latest revision (what its
    editors work on); returns how many pages were checked."""
    checked = 0
    for page in model.objects.all().iterator():
        latest = page.get_latest_revision_as_object()
        count = len(latest.rich_result_problems())
        model.objects.filter(pk=page.pk).update(rich_result_problem_count=count)
        checked += 1
    return checked


class RichResultsPanel(Panel):
    """What the page being edited lacks for its rich result (it never blocks publishing)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/rich_results_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            problems = self.instance.rich_result_problems()
            context["required"] = [problem for problem in problems if problem.required]
            context["recommended"] = [problem for problem in problems if not problem.required]
            return context
