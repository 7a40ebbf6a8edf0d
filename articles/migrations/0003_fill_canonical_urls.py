"""Fill canonical URLs and text fingerprints of the articles already stored, then require them."""

from django.db import migrations, models

from articles.ingest import canonical_url, text_fingerprint


def fill(apps, schema_editor):  # noqa: ANN001, ANN201
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.all():
        article.canonical_url = canonical_url(article.url)
        article.text_hash = text_fingerprint(article.body or article.summary)
        article.save(update_fields=["canonical_url", "text_hash"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_ingest_and_automatic_mentions")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="canonical_url",
            field=models.CharField(max_length=1000, unique=True),
        ),
    ]
