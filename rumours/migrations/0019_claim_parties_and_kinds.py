"""Claims say each side as the story did, and the kinds real copy needs (#13).

An empty selling club used to mean a free agent; it now means the story did
not name the club, so the claims stored so far become explicit free agents.
"""

import django.db.models.deletion
from django.db import migrations, models


def missing_seller_was_free_agent(apps, schema_editor):
    """Until now an empty selling club meant a free agent: say so explicitly."""
    claim_model = apps.get_model("rumours", "TransferClaim")
    claim_model.objects.filter(from_club__isnull=True).update(free_agent=True)


def free_agent_was_missing_seller(apps, schema_editor):
    claim_model = apps.get_model("rumours", "TransferClaim")
    claim_model.objects.filter(free_agent=True).update(free_agent=False)


class Migration(migrations.Migration):
    dependencies = [
        ("rumours", "0018_lapse_defaults"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="lapsewindow",
            name="rumours_lapse_stage_valid",
        ),
        migrations.RemoveConstraint(
            model_name="transferclaim",
            name="rumours_claim_type_valid",
        ),
        migrations.RemoveConstraint(
            model_name="transferclaim",
            name="rumours_claim_deal_type_valid",
        ),
        migrations.RemoveConstraint(
            model_name="transferclaim",
            name="rumours_claim_names_a_club",
        ),
        migrations.AddField(
            model_name="historicaltransferclaim",
            name="answers",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="For a denial or a non-confirmation: the claim it answers.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="rumours.transferclaim",
            ),
        ),
        migrations.AddField(
            model_name="historicaltransferclaim",
            name="free_agent",
            field=models.BooleanField(
                default=False,
                help_text="He has no club: a fact the story states, not a club it leaves out.",
            ),
        ),
        migrations.AddField(
            model_name="historicaltransferclaim",
            name="from_competition",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="rumours.competition",
                verbose_name="selling side's competition",
            ),
        ),
        migrations.AddField(
            model_name="historicaltransferclaim",
            name="from_country",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="selling side's country"
            ),
        ),
        migrations.AddField(
            model_name="historicaltransferclaim",
            name="from_described",
            field=models.CharField(
                blank=True,
                help_text="The story's words when it does not name the club: “a Championship side”.",
                max_length=120,
                verbose_name="selling side as described",
            ),
        ),
        migrations.AddField(
            model_name="historicaltransferclaim",
            name="swap_with",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="For a swap or player-plus-cash deal: the claim for the player going the other way, in the same story.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="rumours.transferclaim",
                verbose_name="other side of the deal",
            ),
        ),
        migrations.AddField(
            model_name="historicaltransferclaim",
            name="to_competition",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="rumours.competition",
                verbose_name="suitor's competition",
            ),
        ),
        migrations.AddField(
            model_name="historicaltransferclaim",
            name="to_country",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="suitor's country"
            ),
        ),
        migrations.AddField(
            model_name="historicaltransferclaim",
            name="to_described",
            field=models.CharField(
                blank=True,
                help_text="“A host of Bundesliga clubs”, “an unnamed MLS side”.",
                max_length=120,
                verbose_name="suitor as described",
            ),
        ),
        migrations.AddField(
            model_name="transferclaim",
            name="answers",
            field=models.ForeignKey(
                blank=True,
                help_text="For a denial or a non-confirmation: the claim it answers.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="answered_by",
                to="rumours.transferclaim",
            ),
        ),
        migrations.AddField(
            model_name="transferclaim",
            name="free_agent",
            field=models.BooleanField(
                default=False,
                help_text="He has no club: a fact the story states, not a club it leaves out.",
            ),
        ),
        migrations.RunPython(
            missing_seller_was_free_agent, free_agent_was_missing_seller
        ),
        migrations.AddField(
            model_name="transferclaim",
            name="from_competition",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="rumours.competition",
                verbose_name="selling side's competition",
            ),
        ),
        migrations.AddField(
            model_name="transferclaim",
            name="from_country",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="selling side's country"
            ),
        ),
        migrations.AddField(
            model_name="transferclaim",
            name="from_described",
            field=models.CharField(
                blank=True,
                help_text="The story's words when it does not name the club: “a Championship side”.",
                max_length=120,
                verbose_name="selling side as described",
            ),
        ),
        migrations.AddField(
            model_name="transferclaim",
            name="swap_with",
            field=models.ForeignKey(
                blank=True,
                help_text="For a swap or player-plus-cash deal: the claim for the player going the other way, in the same story.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="swapped_by",
                to="rumours.transferclaim",
                verbose_name="other side of the deal",
            ),
        ),
        migrations.AddField(
            model_name="transferclaim",
            name="to_competition",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="rumours.competition",
                verbose_name="suitor's competition",
            ),
        ),
        migrations.AddField(
            model_name="transferclaim",
            name="to_country",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="suitor's country"
            ),
        ),
        migrations.AddField(
            model_name="transferclaim",
            name="to_described",
            field=models.CharField(
                blank=True,
                help_text="“A host of Bundesliga clubs”, “an unnamed MLS side”.",
                max_length=120,
                verbose_name="suitor as described",
            ),
        ),
        migrations.AlterField(
            model_name="historicallapsewindow",
            name="claim_type",
            field=models.CharField(
                choices=[
                    ("interest", "Interest"),
                    ("enquiry", "Enquiry"),
                    ("bid", "Bid"),
                    ("bid_rejected", "Bid rejected"),
                    ("negotiation", "Negotiation"),
                    ("personal_terms_agreed", "Personal terms agreed"),
                    ("fee_agreed", "Fee agreed"),
                    ("medical", "Medical"),
                    ("completed", "Completed"),
                    ("denied", "Denied"),
                    ("blocked", "Blocked"),
                    ("wants_to_leave", "Wants to leave"),
                    ("contract_extension", "Contract extension"),
                    ("asking_price", "Asking price or valuation"),
                    ("release_clause", "Release clause"),
                    ("player_rejects", "Player turns the move down"),
                    ("willing_to_sell", "Club willing to sell"),
                    ("transfer_listed", "Transfer-listed or surplus"),
                    ("contract_talks", "Contract talks"),
                    ("contract_offer", "Contract offer"),
                    ("refuses_to_renew", "Refuses to renew"),
                    ("not_confirmed", "Not confirmed"),
                ],
                db_index=True,
                max_length=24,
                verbose_name="stage",
            ),
        ),
        migrations.AlterField(
            model_name="historicaltransferclaim",
            name="claim_type",
            field=models.CharField(
                choices=[
                    ("interest", "Interest"),
                    ("enquiry", "Enquiry"),
                    ("bid", "Bid"),
                    ("bid_rejected", "Bid rejected"),
                    ("negotiation", "Negotiation"),
                    ("personal_terms_agreed", "Personal terms agreed"),
                    ("fee_agreed", "Fee agreed"),
                    ("medical", "Medical"),
                    ("completed", "Completed"),
                    ("denied", "Denied"),
                    ("blocked", "Blocked"),
                    ("wants_to_leave", "Wants to leave"),
                    ("contract_extension", "Contract extension"),
                    ("asking_price", "Asking price or valuation"),
                    ("release_clause", "Release clause"),
                    ("player_rejects", "Player turns the move down"),
                    ("willing_to_sell", "Club willing to sell"),
                    ("transfer_listed", "Transfer-listed or surplus"),
                    ("contract_talks", "Contract talks"),
                    ("contract_offer", "Contract offer"),
                    ("refuses_to_renew", "Refuses to renew"),
                    ("not_confirmed", "Not confirmed"),
                ],
                max_length=24,
                verbose_name="stage",
            ),
        ),
        migrations.AlterField(
            model_name="historicaltransferclaim",
            name="deal_type",
            field=models.CharField(
                blank=True,
                choices=[
                    ("permanent", "Permanent"),
                    ("loan", "Loan"),
                    ("loan_with_option", "Loan with option to buy"),
                    ("loan_with_obligation", "Loan with obligation to buy"),
                    ("swap", "Swap"),
                    ("player_plus_cash", "Player plus cash"),
                ],
                max_length=24,
            ),
        ),
        migrations.AlterField(
            model_name="historicaltransferclaim",
            name="from_club",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The club he leaves. Empty when the story does not name it (describe it below if the story does) or he is a free agent.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="rumours.club",
            ),
        ),
        migrations.AlterField(
            model_name="historicaltransferclaim",
            name="to_club",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The suitor. Empty when the story does not name it (describe it below if the story does) or the stage has no destination.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="rumours.club",
            ),
        ),
        migrations.AlterField(
            model_name="lapsewindow",
            name="claim_type",
            field=models.CharField(
                choices=[
                    ("interest", "Interest"),
                    ("enquiry", "Enquiry"),
                    ("bid", "Bid"),
                    ("bid_rejected", "Bid rejected"),
                    ("negotiation", "Negotiation"),
                    ("personal_terms_agreed", "Personal terms agreed"),
                    ("fee_agreed", "Fee agreed"),
                    ("medical", "Medical"),
                    ("completed", "Completed"),
                    ("denied", "Denied"),
                    ("blocked", "Blocked"),
                    ("wants_to_leave", "Wants to leave"),
                    ("contract_extension", "Contract extension"),
                    ("asking_price", "Asking price or valuation"),
                    ("release_clause", "Release clause"),
                    ("player_rejects", "Player turns the move down"),
                    ("willing_to_sell", "Club willing to sell"),
                    ("transfer_listed", "Transfer-listed or surplus"),
                    ("contract_talks", "Contract talks"),
                    ("contract_offer", "Contract offer"),
                    ("refuses_to_renew", "Refuses to renew"),
                    ("not_confirmed", "Not confirmed"),
                ],
                max_length=24,
                unique=True,
                verbose_name="stage",
            ),
        ),
        migrations.AlterField(
            model_name="transferclaim",
            name="claim_type",
            field=models.CharField(
                choices=[
                    ("interest", "Interest"),
                    ("enquiry", "Enquiry"),
                    ("bid", "Bid"),
                    ("bid_rejected", "Bid rejected"),
                    ("negotiation", "Negotiation"),
                    ("personal_terms_agreed", "Personal terms agreed"),
                    ("fee_agreed", "Fee agreed"),
                    ("medical", "Medical"),
                    ("completed", "Completed"),
                    ("denied", "Denied"),
                    ("blocked", "Blocked"),
                    ("wants_to_leave", "Wants to leave"),
                    ("contract_extension", "Contract extension"),
                    ("asking_price", "Asking price or valuation"),
                    ("release_clause", "Release clause"),
                    ("player_rejects", "Player turns the move down"),
                    ("willing_to_sell", "Club willing to sell"),
                    ("transfer_listed", "Transfer-listed or surplus"),
                    ("contract_talks", "Contract talks"),
                    ("contract_offer", "Contract offer"),
                    ("refuses_to_renew", "Refuses to renew"),
                    ("not_confirmed", "Not confirmed"),
                ],
                max_length=24,
                verbose_name="stage",
            ),
        ),
        migrations.AlterField(
            model_name="transferclaim",
            name="deal_type",
            field=models.CharField(
                blank=True,
                choices=[
                    ("permanent", "Permanent"),
                    ("loan", "Loan"),
                    ("loan_with_option", "Loan with option to buy"),
                    ("loan_with_obligation", "Loan with obligation to buy"),
                    ("swap", "Swap"),
                    ("player_plus_cash", "Player plus cash"),
                ],
                max_length=24,
            ),
        ),
        migrations.AlterField(
            model_name="transferclaim",
            name="from_club",
            field=models.ForeignKey(
                blank=True,
                help_text="The club he leaves. Empty when the story does not name it (describe it below if the story does) or he is a free agent.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="claims_out",
                to="rumours.club",
            ),
        ),
        migrations.AlterField(
            model_name="transferclaim",
            name="to_club",
            field=models.ForeignKey(
                blank=True,
                help_text="The suitor. Empty when the story does not name it (describe it below if the story does) or the stage has no destination.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="claims_in",
                to="rumours.club",
            ),
        ),
        migrations.AddConstraint(
            model_name="lapsewindow",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "claim_type__in",
                        [
                            "interest",
                            "enquiry",
                            "bid",
                            "bid_rejected",
                            "negotiation",
                            "personal_terms_agreed",
                            "fee_agreed",
                            "medical",
                            "completed",
                            "denied",
                            "blocked",
                            "wants_to_leave",
                            "contract_extension",
                            "asking_price",
                            "release_clause",
                            "player_rejects",
                            "willing_to_sell",
                            "transfer_listed",
                            "contract_talks",
                            "contract_offer",
                            "refuses_to_renew",
                            "not_confirmed",
                        ],
                    )
                ),
                name="rumours_lapse_stage_valid",
                violation_error_message="Choose a known stage.",
            ),
        ),
        migrations.AddConstraint(
            model_name="transferclaim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "claim_type__in",
                        [
                            "interest",
                            "enquiry",
                            "bid",
                            "bid_rejected",
                            "negotiation",
                            "personal_terms_agreed",
                            "fee_agreed",
                            "medical",
                            "completed",
                            "denied",
                            "blocked",
                            "wants_to_leave",
                            "contract_extension",
                            "asking_price",
                            "release_clause",
                            "player_rejects",
                            "willing_to_sell",
                            "transfer_listed",
                            "contract_talks",
                            "contract_offer",
                            "refuses_to_renew",
                            "not_confirmed",
                        ],
                    )
                ),
                name="rumours_claim_type_valid",
                violation_error_message="Choose a known stage.",
            ),
        ),
        migrations.AddConstraint(
            model_name="transferclaim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("deal_type", ""),
                    (
                        "deal_type__in",
                        [
                            "permanent",
                            "loan",
                            "loan_with_option",
                            "loan_with_obligation",
                            "swap",
                            "player_plus_cash",
                        ],
                    ),
                    _connector="OR",
                ),
                name="rumours_claim_deal_type_valid",
                violation_error_message="Choose a known deal type.",
            ),
        ),
        migrations.AddConstraint(
            model_name="transferclaim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("from_club__isnull", True), ("from_described", ""), _connector="OR"
                ),
                name="rumours_claim_from_named_or_described",
                violation_error_message="Name the selling club or describe it, not both.",
            ),
        ),
        migrations.AddConstraint(
            model_name="transferclaim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("to_club__isnull", True), ("to_described", ""), _connector="OR"
                ),
                name="rumours_claim_to_named_or_described",
                violation_error_message="Name the suitor or describe it, not both.",
            ),
        ),
        migrations.AddConstraint(
            model_name="transferclaim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("free_agent", False),
                    models.Q(("from_club__isnull", True), ("from_described", "")),
                    _connector="OR",
                ),
                name="rumours_claim_free_agent_has_no_club",
                violation_error_message="A free agent leaves no club: clear the selling club, or untick free agent.",
            ),
        ),
        migrations.AddConstraint(
            model_name="transferclaim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("from_described", ""), _negated=True),
                    models.Q(("from_competition__isnull", True), ("from_country", "")),
                    _connector="OR",
                ),
                name="rumours_claim_from_details_described",
                violation_error_message="A competition or country describes the selling side: describe it too.",
            ),
        ),
        migrations.AddConstraint(
            model_name="transferclaim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("to_described", ""), _negated=True),
                    models.Q(("to_competition__isnull", True), ("to_country", "")),
                    _connector="OR",
                ),
                name="rumours_claim_to_details_described",
                violation_error_message="A competition or country describes the suitor: describe it too.",
            ),
        ),
        migrations.AddConstraint(
            model_name="transferclaim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("answers__isnull", True),
                    models.Q(("answers", models.F("id")), _negated=True),
                    _connector="OR",
                ),
                name="rumours_claim_answers_another",
                violation_error_message="A claim cannot answer itself.",
            ),
        ),
        migrations.AddConstraint(
            model_name="transferclaim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("swap_with__isnull", True),
                    models.Q(("swap_with", models.F("id")), _negated=True),
                    _connector="OR",
                ),
                name="rumours_claim_swaps_with_another",
                violation_error_message="A claim cannot be its own other side.",
            ),
        ),
    ]
