from django.contrib import admin

from mentora.profiles.models import Profile, Skill

admin.site.register(Skill)
admin.site.register(Profile)
