# The decision on a person claim that a decision on one of its claims was taken with (rejected
# or accepted with the person), so that undoing the person's decision undoes the group.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0003_job_progress"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewaction",
            name="group",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="members",
                to="review.reviewaction",
            ),
        ),
    ]
