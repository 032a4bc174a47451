"""Loads the demo resource library alone: topics, the library page, 50-odd real resources
with educators' appraisals, reading lists, and a few learners' appraisals and ratings.

`load_demo_content` runs this app's loaders along with every other app's; this command
runs only this app's, on a site whose demo accounts already exist (the appraisals carry
educator@example.com's name, and tutor@example.com's when it exists). It is idempotent:
anything already in place, including a resource someone has since edited, is left as it
is. Like the main demo loader it refuses to run with DEBUG off unless `--force` is given.
"""

from django.apps import apps

from cop_site.demo import DemoCommand, DemoLoader, loaders_of


class Command(DemoCommand):
    help = (
        "Loads the demo resource library: real resources with educators' credibility "
        "appraisals, reading lists, and sample learner appraisals and ratings. Safe to run "
        "repeatedly."
    )
    subject = "Demo resources"

    def loaders(self) -> list[DemoLoader]:
        return loaders_of([apps.get_app_config("resources")])
