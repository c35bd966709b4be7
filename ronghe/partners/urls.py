from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="partner-list"),
    path("suppliers/", views.supplier_list, name="supplier-list"),
    path("contacts/", views.contact_list, name="contact-list"),
    path("new/", views.partner_create, name="partner-create"),
    path("<int:pk>/", views.partner_detail, name="partner-detail"),
    path("<int:pk>/edit/", views.partner_edit, name="partner-edit"),
    path("<int:pk>/archive/", views.partner_archive, name="partner-archive"),
    path("<int:pk>/merge/", views.partner_merge, name="partner-merge"),
    path("<int:pk>/bank-accounts/", views.bank_account_add, name="bank-account-add"),
    path("<int:pk>/addresses/", views.address_add, name="address-add"),
]
