"""What a completed move settles (#15), proposed to the editor, never applied silently.

Confirming a completed move names, in a message, the other open claims it
settles; the editor reviews them on one page (earlier stages of the move to
confirm, the player's moves elsewhere to lapse), unticks any, and resolves
the rest with the move's story as their evidence.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from ..models import TransferClaim
from ..services.claims import apply_settlement, settlement_of


class SettlementAdminMixin:
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "outcome" in form.changed_data and obj.outcome == obj.Outcome.CONFIRMED:
            self.offer_settlements(request, [obj])

    def get_urls(self):
        settle = self.admin_site.admin_view(self.settle_view)
        return [
            path(
                "<path:object_id>/settle/",
                settle,
                name="rumours_transferclaim_settle",
            ),
            *super().get_urls(),
        ]

    def offer_settlements(self, request, claims):
        """Point the editor at the claims each completed move settles (#15)."""
        for claim in claims:
            if claim.claim_type != TransferClaim.Type.COMPLETED:
                continue
            found = settlement_of(claim)
            if found:
                count = len(found.confirm) + len(found.lapse)
                self.message_user(
                    request,
                    format_html(
                        "{}'s move settles {} other open claim(s): "
                        '<a href="{}">review and resolve them</a>.',
                        claim.player.name,
                        count,
                        reverse("admin:rumours_transferclaim_settle", args=[claim.pk]),
                    ),
                    messages.WARNING,
                )

    def settle_view(self, request, object_id):
        """Propose what a confirmed completed move settles; resolve what is kept."""
        if not self.has_resolve_permission(request):
            raise PermissionDenied
        move = get_object_or_404(
            TransferClaim.objects.select_related("article", "player", "to_club"),
            pk=object_id,
            claim_type=TransferClaim.Type.COMPLETED,
            outcome=TransferClaim.Outcome.CONFIRMED,
        )
        settlement = settlement_of(move)
        if request.method == "POST":
            chosen = {
                name: {int(pk) for pk in request.POST.getlist(name) if pk.isdigit()}
                for name in ("confirm", "lapse")
            }
            resolved = apply_settlement(
                settlement,
                user=request.user,
                confirm_ids=chosen["confirm"],
                lapse_ids=chosen["lapse"],
            )
            self.message_user(
                request,
                f"{len(resolved)} claim(s) resolved, with {move.article.headline} "
                "as their evidence.",
                messages.SUCCESS,
            )
            return redirect("admin:rumours_transferclaim_changelist")
        return TemplateResponse(
            request,
            "admin/rumours/transferclaim/settle.html",
            {
                **self.admin_site.each_context(request),
                "title": f"What {move.player.name}'s move settles",
                "opts": self.model._meta,
                "settlement": settlement,
            },
        )
