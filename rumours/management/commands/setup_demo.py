from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rumours.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_FILE,
    ensure_demo_account,
)
from rumours.models import Article
from rumours.services.interchange import (
    import_newsroom,
    load_newsroom_file,
    summarise_counts,
)


class Command(BaseCommand):
    help = (
        "Import the demo newsroom into an empty database and make sure the demo "
        "editor and reporter accounts exist. Safe to run again: it loses and "
        "duplicates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="Where the site is served, for the printed admin address.",
        )

    def handle(self, *args, **options):
        if getattr(settings, "IS_PRODUCTION", False):
            raise CommandError("The demo newsroom and account are not for production.")
        if Article.objects.exists():
            self.stdout.write("The newsroom already has stories: demo not re-imported.")
        else:
            counts = import_newsroom(
                load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo newsroom imported: {summarise_counts(counts)}"
                )
            )
        for username, (password, role, first_name, last_name) in DEMO_ACCOUNTS.items():
            _, created = ensure_demo_account(username)
            if not created:
                password += " (the account existed: unless you changed it)"
            self.stdout.write(
                "\n"
                f"  Transfer Desk demo {role.lower()} account (demo only): "
                f"{first_name} {last_name}\n"
                f"  admin:    {options['site_url']}/admin/\n"
                f"  username: {username}\n"
                f"  password: {password}\n"
            )
