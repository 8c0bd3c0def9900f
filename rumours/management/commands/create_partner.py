from django.core.management.base import BaseCommand, CommandError
from rest_framework_api_key.models import APIKey

NAME_MAX_LENGTH = APIKey._meta.get_field("name").max_length


class Command(BaseCommand):
    help = (
        "Create a partner API key named NAME and print the key, once: only its "
        "hash is stored. Revoke it in the admin under “API keys”."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who the key is for, e.g. “Calcio Daily”.")

    def handle(self, *args, name, **options):
        name = name.strip()
        if not name:
            raise CommandError(
                "Give the partner a name, e.g. create_partner 'Calcio Daily'."
            )
        if len(name) > NAME_MAX_LENGTH:
            raise CommandError(
                f"The name is {len(name)} characters long; "
                f"use at most {NAME_MAX_LENGTH}."
            )
        api_key, key = APIKey.objects.create_key(name=name)
        self.stdout.write(f"Created a key for {api_key.name} ({api_key.prefix}…).")
        self.stdout.write("Send it in the header  Authorization: Api-Key <key>")
        self.stdout.write("It is shown only this once:")
        self.stdout.write(key)
