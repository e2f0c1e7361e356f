from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0009_withdrawals"),
    ]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="last_reminded_on",
            field=models.DateField(blank=True, null=True, verbose_name="last reminder"),
        ),
    ]
