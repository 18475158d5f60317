"""Blocks for the toolkit and the Youth Hub, built on the shared BaseStreamBlock."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from portal.home.blocks import BaseStreamBlock


class PrincipleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Principle"), max_length=160)
    explanation = blocks.TextBlock(label=_("What it means in practice"))


class PrinciplesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=160)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False)
    principles = blocks.ListBlock(PrincipleBlock(), label=_("Principles"), min_num=1)

    class Meta:
        icon = "tasks"
        template = "blocks/principles.html"
        label = _("Principles")
        description = _("A numbered set of principles, such as the four for working with parents and carers.")
        preview_value = {
            "heading": "Working with parents and carers",
            "introduction": "Four principles guide our work with families.",
            "principles": [
                {"title": "Build trusting relationships", "explanation": "Be honest, reliable and respectful."},
                {"title": "Communicate clearly", "explanation": "Use plain words and check understanding."},
            ],
        }


class ToolkitStreamBlock(BaseStreamBlock):
    principles = PrinciplesBlock()
