from django import forms

from ronghe.core.selectors import user_list
from ronghe.web.forms import StyledFormMixin

from .models import Department, Employee
from .selectors import position_list


class DepartmentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "code", "parent", "head", "sort_order"]

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Department.objects.filter(company=company)
        self.fields["head"].queryset = Employee.objects.filter(company=company, active=True)


class EmployeeForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Employee
        fields = [
            "number",
            "name",
            "department",
            "position",
            "manager",
            "user",
            "hire_date",
            "phone",
            "email",
        ]
        widgets = {"hire_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(company=company, active=True)
        self.fields["position"].queryset = position_list(company=company)
        self.fields["manager"].queryset = Employee.objects.filter(company=company, active=True)
        self.fields["user"].queryset = user_list(company=company)
