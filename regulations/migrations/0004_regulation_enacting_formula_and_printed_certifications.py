# The enacting formula ("Menetapkan :") and the enactment and promulgation lines as printed;
# each certification ("Salinan sesuai dengan aslinya") where it is printed, its wording and its
# NIP spaced as printed.

import regulations.nip
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('regulations', '0003_rule_also_cites'),
    ]

    operations = [
        migrations.AddField(
            model_name='certifier',
            name='citation',
            field=models.CharField(default='penutup', help_text='“penutup” (after the closing) or the Lampiran it is printed under.', max_length=120, verbose_name='printed at'),
        ),
        migrations.AddField(
            model_name='certifier',
            name='nip_printed',
            field=models.CharField(blank=True, help_text='Personal data. Spaced as printed; the NIP field holds its digits.', max_length=32, validators=[regulations.nip.validate_nip], verbose_name='NIP as printed'),
        ),
        migrations.AddField(
            model_name='certifier',
            name='wording',
            field=models.TextField(blank=True, help_text='The lines printed above the name, verbatim, one a line: “Salinan sesuai dengan aslinya,”, the office, the title.', verbose_name='wording'),
        ),
        migrations.AddField(
            model_name='historicalcertifier',
            name='citation',
            field=models.CharField(default='penutup', help_text='“penutup” (after the closing) or the Lampiran it is printed under.', max_length=120, verbose_name='printed at'),
        ),
        migrations.AddField(
            model_name='historicalcertifier',
            name='nip_printed',
            field=models.CharField(blank=True, help_text='Personal data. Spaced as printed; the NIP field holds its digits.', max_length=32, validators=[regulations.nip.validate_nip], verbose_name='NIP as printed'),
        ),
        migrations.AddField(
            model_name='historicalcertifier',
            name='wording',
            field=models.TextField(blank=True, help_text='The lines printed above the name, verbatim, one a line: “Salinan sesuai dengan aslinya,”, the office, the title.', verbose_name='wording'),
        ),
        migrations.AddField(
            model_name='historicalregulation',
            name='enacted_line',
            field=models.CharField(blank=True, help_text='“Ditetapkan di … pada tanggal …”, verbatim.', max_length=200, verbose_name='enactment as printed'),
        ),
        migrations.AddField(
            model_name='historicalregulation',
            name='enacting_formula',
            field=models.TextField(blank=True, help_text='The words after “Menetapkan :”, verbatim: “PERATURAN WALIKOTA TENTANG …”.', verbose_name='enacting formula'),
        ),
        migrations.AddField(
            model_name='historicalregulation',
            name='promulgated_line',
            field=models.CharField(blank=True, help_text='“Diundangkan di … pada tanggal …”, verbatim.', max_length=200, verbose_name='promulgation as printed'),
        ),
        migrations.AddField(
            model_name='regulation',
            name='enacted_line',
            field=models.CharField(blank=True, help_text='“Ditetapkan di … pada tanggal …”, verbatim.', max_length=200, verbose_name='enactment as printed'),
        ),
        migrations.AddField(
            model_name='regulation',
            name='enacting_formula',
            field=models.TextField(blank=True, help_text='The words after “Menetapkan :”, verbatim: “PERATURAN WALIKOTA TENTANG …”.', verbose_name='enacting formula'),
        ),
        migrations.AddField(
            model_name='regulation',
            name='promulgated_line',
            field=models.CharField(blank=True, help_text='“Diundangkan di … pada tanggal …”, verbatim.', max_length=200, verbose_name='promulgation as printed'),
        ),
    ]
