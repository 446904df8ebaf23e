# The registry fields a decision changed (an event's date made more precise by a corroborating
# claim), so that undoing the decision restores them.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0004_reviewaction_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewaction",
            name="changed",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
