"""The tokens of requests filed before core.SubmissionToken existed move there, claimed by the
request's submitter and pointing at the request, so that a retried old form still answers with
its request once the column is gone (0013). Requests without a submitter have nobody to claim
their token for: it is not carried (no form of theirs can be posted again)."""

from django.db import migrations


def to_core(apps, schema_editor):
    AssistanceRequest = apps.get_model("states", "AssistanceRequest")
    SubmissionToken = apps.get_model("core", "SubmissionToken")
    ContentType = apps.get_model("contenttypes", "ContentType")
    request_type, _created = ContentType.objects.get_or_create(app_label="states", model="assistancerequest")
    claimed = set(SubmissionToken.objects.values_list("token", flat=True))
    rows = (
        AssistanceRequest.objects.filter(submission_token__isnull=False, submitted_by__isnull=False)
        .values_list("pk", "submission_token", "submitted_by_id")
        .iterator(chunk_size=2000)
    )
    SubmissionToken.objects.bulk_create(
        (
            SubmissionToken(token=token, user_id=user_id, content_type=request_type, object_id=pk)
            for pk, token, user_id in rows
            if token not in claimed
        ),
        batch_size=2000,
    )


def back(apps, schema_editor):
    AssistanceRequest = apps.get_model("states", "AssistanceRequest")
    SubmissionToken = apps.get_model("core", "SubmissionToken")
    tokens = SubmissionToken.objects.filter(
        content_type__app_label="states", content_type__model="assistancerequest"
    ).values_list("object_id", "token")
    for pk, token in tokens.iterator(chunk_size=2000):
        AssistanceRequest.objects.filter(pk=pk).update(submission_token=token)


class Migration(migrations.Migration):
    dependencies = [
        ("states", "0011_request_words_search_index"),
        ("core", "0002_user_preferences"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(to_core, back, elidable=True)]
