"""StreamField blocks other parts of the site use to point at library resources.

A learning module or a page of guidance can embed a resource with its credibility
band, so the judgement travels with the link wherever it is used.
"""

from wagtail import blocks


class ResourceBlock(blocks.StructBlock):
    resource = blocks.PageChooserBlock(page_type="resources.ResourcePage")
    note = blocks.TextBlock(
        required=False,
        max_length=600,
        help_text="Optional: why to read it here, or what to look for.",
    )

    class Meta:
        icon = "doc-full"
        label = "Library resource"
        template = "resources/blocks/resource.html"


class ResourceListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    resources = blocks.ListBlock(ResourceBlock())

    class Meta:
        icon = "list-ul"
        label = "List of library resources"
        template = "resources/blocks/resource_list.html"
