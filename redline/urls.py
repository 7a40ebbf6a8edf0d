from django.contrib import admin
from django.urls import include, path

from plans.views.accounts import sign_in

admin.site.site_header = "Redline curation"
admin.site.site_title = "Redline"

urlpatterns = [
    path("", include("plans.urls")),
    path("articles/", include("articles.urls")),
    # The admin signs in through the same throttled view, so guessing there is slowed too.
    path("admin/login/", sign_in),
    path("admin/", admin.site.urls),
    # Accounts: our sign-in (it slows down guessing), then django.contrib.auth's other views.
    path("accounts/login/", sign_in, name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
]
