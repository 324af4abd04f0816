# A rule may rest on several provisions: the main one stays in ``citation`` (and in the
# unique constraint), the others go to ``also_cites``.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('regulations', '0002_rule_kinds_for_meetings'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalrule',
            name='also_cites',
            field=models.JSONField(blank=True, default=list, help_text='The other provisions it rests on, e.g. ["Pasal 21 ayat (2)"].', verbose_name='further provisions'),
        ),
        migrations.AddField(
            model_name='rule',
            name='also_cites',
            field=models.JSONField(blank=True, default=list, help_text='The other provisions it rests on, e.g. ["Pasal 21 ayat (2)"].', verbose_name='further provisions'),
        ),
        migrations.AlterField(
            model_name='historicalrule',
            name='citation',
            field=models.CharField(help_text='The main provision that sets the rule, e.g. "Pasal 21 ayat (1)".', max_length=120, verbose_name='provision'),
        ),
        migrations.AlterField(
            model_name='rule',
            name='citation',
            field=models.CharField(help_text='The main provision that sets the rule, e.g. "Pasal 21 ayat (1)".', max_length=120, verbose_name='provision'),
        ),
    ]
