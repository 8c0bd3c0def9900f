"""Claims from copy in the admin (#14): propose, review, accept.

Two pages: ``<story>/propose/`` reads a story's body; ``propose/`` reads a
pasted paragraph with no story yet, and accepting there files it as the
user's draft. Proposals are computed on every visit and nothing is saved
until the editor accepts: then ``accept_proposals()`` saves every accepted
claim or none.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from ..extraction import current_gazetteer, propose_claims
from ..models import Article
from ..models.markup import normalise_newlines
from ..services.proposals import accept_proposals
from .money_fields import money_preview
from .proposal_forms import ACCEPT, REJECT, ProposalFormSet, initial_for

PREFIX = "proposal"
SAVED = "{count} claim(s) added to “{headline}” ({status})."
NOTHING_ACCEPTED = "No proposal accepted: nothing was saved."
NOT_SAVED = "Nothing was saved: {problem}"


class CopyForm(forms.Form):
    """A paragraph pasted with no story yet, and the draft's headline."""

    headline = forms.CharField(
        max_length=200,
        required=False,
        help_text="For the draft story accepting files; a dated title if empty.",
    )
    body = forms.CharField(
        label="copy",
        widget=forms.Textarea(attrs={"rows": 8, "cols": 90}),
        help_text="Paste the paragraph: plain text or Markdown.",
    )

    def clean_body(self):
        return normalise_newlines(self.cleaned_data["body"])


class ProposalsAdminMixin:
    """The story admin's "Propose claims" pages."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "propose/",
                self.admin_site.admin_view(self.propose_from_copy_view),
                name="{}_{}_propose_copy".format(*info),
            ),
            path(
                "money/",
                self.admin_site.admin_view(self.money_view),
                name="{}_{}_money".format(*info),
            ),
            path(
                "<path:object_id>/propose/",
                self.admin_site.admin_view(self.propose_view),
                name="{}_{}_propose".format(*info),
            ),
            *super().get_urls(),
        ]

    def money_view(self, request):
        """Answer how a fee box's text reads, for the preview as one types."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        text, single = request.GET.get("text", ""), request.GET.get("single") == "1"
        return JsonResponse(money_preview(text, single=single))

    def propose_view(self, request, object_id):
        """Review the proposals a story's body yields."""
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("No such story.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return self.review(request, article)

    def propose_from_copy_view(self, request):
        """Review the proposals a pasted paragraph yields; accepting files a draft."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        copy = CopyForm(request.POST if request.method == "POST" else None)
        if not copy.is_valid():
            return self.render_review(request, None, None, copy)
        article = Article(
            headline=copy.cleaned_data["headline"], body=copy.cleaned_data["body"]
        )
        return self.review(request, article, copy)

    def review(self, request, article, copy=None):
        kwargs = {"prefix": PREFIX, "form_kwargs": {"user": request.user}}
        if request.method != "POST" or "_propose" in request.POST:
            gazetteer = current_gazetteer()
            proposals = propose_claims(
                article.body, reported_on=_day(article.published_at)
            )
            initial = [initial_for(proposal, gazetteer) for proposal in proposals]
            return self.render_review(
                request, article, ProposalFormSet(initial=initial, **kwargs), copy
            )
        if "_reject_all" in request.POST:
            self.message_user(request, NOTHING_ACCEPTED, messages.INFO)
            return _back(article)
        data = request.POST.copy()
        if "_accept_all" in data:
            for number in range(int(data.get(f"{PREFIX}-TOTAL_FORMS", 0) or 0)):
                data[f"{PREFIX}-{number}-decision"] = ACCEPT
        formset = ProposalFormSet(data, **kwargs)
        if not formset.is_valid() or "_check" in data:
            return self.render_review(request, article, formset, copy)
        accepted = [form.accepted_claim() for form in formset if form.accepted]
        if not accepted:
            self.message_user(request, NOTHING_ACCEPTED, messages.INFO)
            return _back(article)
        try:
            claims = accept_proposals(
                article=article, accepted=accepted, user=request.user
            )
        except (PermissionDenied, ValidationError) as problem:
            message = "; ".join(getattr(problem, "messages", None) or [str(problem)])
            formset._non_form_errors = formset.error_class(
                [NOT_SAVED.format(problem=message)]
            )
            return self.render_review(request, article, formset, copy)
        self.message_user(
            request,
            SAVED.format(
                count=len(claims),
                headline=article.headline,
                status=article.get_status_display().lower(),
            ),
            messages.SUCCESS,
        )
        return redirect("admin:rumours_article_change", article.pk)

    def render_review(self, request, article, formset, copy):
        stored = article is not None and article.pk is not None
        return TemplateResponse(
            request,
            "admin/rumours/article/propose.html",
            {
                **self.admin_site.each_context(request),
                "title": (
                    f"Propose claims: {article.headline}"
                    if stored
                    else "Propose claims from copy"
                ),
                "opts": self.opts,
                "article": article if stored else None,
                "copy": copy,
                "formset": formset,
                "reject": REJECT,
            },
        )

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.pk is not None:
            context["propose_url"] = reverse(
                "admin:rumours_article_propose", args=[obj.pk]
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


def _day(moment):
    return moment.date() if moment is not None else None


def _back(article):
    if article is not None and article.pk is not None:
        return redirect("admin:rumours_article_change", article.pk)
    return redirect("admin:rumours_article_propose_copy")
