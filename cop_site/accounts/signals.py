from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from .models import Profile, User


@receiver(post_save, sender=User)
def create_profile(sender, instance: User, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


def create_role_groups(sender, **kwargs) -> None:
    from .services import ensure_role_groups

    ensure_role_groups()


def connect_post_migrate(app_config) -> None:
    post_migrate.connect(create_role_groups, sender=app_config)
