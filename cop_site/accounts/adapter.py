from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        from cop_site.mail import enqueue_email

        message = self.render_mail(template_prefix, email, context)
        enqueue_email(message)
