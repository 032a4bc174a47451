"""The library's section of the home page (declared in ``ResourcesConfig.home_sections``)."""

from .selectors import home_context

__all__ = ["home_context"]
