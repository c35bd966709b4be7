from django.db import migrations, models


def keep_hand_scores(apps, schema_editor):
    """Scores given before scores were computed were given by hand: keep them."""
    apps.get_model("crm", "Lead").objects.filter(score__gt=0).update(score_manual=True)


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0003_opportunity_state_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="lead",
            name="score_manual",
            field=models.BooleanField(default=False, verbose_name="score set by hand"),
        ),
        migrations.RunPython(keep_hand_scores, migrations.RunPython.noop),
    ]
