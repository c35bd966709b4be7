"""Simplified Chinese for every msgid. `python scripts/zh_hans.py` fills ronghe/locale/zh_Hans/LC_MESSAGES/django.po
after `make messages` extracted new strings; it reports any msgid still without a translation."""

ZH = {
    "Ronghe": "融合", "The request contains invalid data.": "请求包含无效数据。",
    "Authentication required: log in or send a valid API token.": "需要身份验证：请登录或提供有效的 API 令牌。",
    "Not found.": "未找到。", "You do not have permission to do this.": "您没有执行此操作的权限。",
    "This Idempotency-Key was already used for another request.": "此 Idempotency-Key 已用于另一个请求。",
    "Unknown value: %(value)s.": "未知的值：%(value)s。",
    "You are not a member of any active company.": "您不属于任何有效的公司。",
    "Platform": "平台", "The request could not be completed.": "请求无法完成。",
    "Please correct the errors below.": "请更正以下错误。",
    "This action is not allowed in the document's current state.": "单据当前状态下不允许此操作。",
    "The record was changed by someone else. Reload and try again.": "记录已被他人修改，请刷新后重试。",
    "created at": "创建时间", "updated at": "更新时间", "company": "公司", "created by": "创建人", "code": "编码",
    "name": "名称", "symbol": "符号", "decimal places": "小数位数", "active": "有效", "currency": "币种",
    "currencies": "币种", "date": "日期", "rate": "汇率", "exchange rate": "汇率", "exchange rates": "汇率",
    "unit category": "计量单位类别", "unit categories": "计量单位类别", "category": "类别",
    "factor to reference unit": "换算系数（相对基准单位）", "rounding": "舍入精度", "unit of measure": "计量单位",
    "units of measure": "计量单位", "name (Chinese)": "中文名称", "name (English)": "英文名称",
    "unified social credit code": "统一社会信用代码", "address": "地址", "phone": "电话", "logo": "标志",
    "default language": "默认语言", "companies": "公司", "mobile phone": "手机", "language": "语言",
    "time zone": "时区", "avatar": "头像", "display name": "显示名称", "active company": "当前公司", "user": "用户",
    "users": "用户", "Own records": "本人", "Own department": "本部门", "Own department and below": "本部门及下级部门",
    "Whole company": "全公司", "permissions": "权限", "data scope": "数据权限", "role": "角色", "roles": "角色",
    "model": "模型", "role data scope": "角色数据权限", "role data scopes": "角色数据权限",
    "company administrator": "公司管理员", "company membership": "公司成员", "company memberships": "公司成员",
    "document type": "单据类型", "period": "期间", "next number": "下一个编号", "sequence": "编号规则",
    "sequences": "编号规则", "Created": "创建", "Changed": "修改", "Deleted": "删除", "State change": "状态变更",
    "Login": "登录", "Failed login": "登录失败", "Logout": "退出", "Permission change": "权限变更",
    "API token used": "使用 API 令牌", "API token created/revoked": "创建/吊销 API 令牌", "time": "时间",
    "IP address": "IP 地址", "action": "操作", "record type": "记录类型", "record id": "记录 ID", "record": "记录",
    "changes": "变更", "context": "上下文", "audit entry": "审计记录", "audit log": "审计日志", "prefix": "前缀",
    "last used": "最近使用", "expires": "过期时间", "revoked": "已吊销", "API token": "API 令牌",
    "API tokens": "API 令牌",
    "No exchange rate for %(code)s on or before %(date)s.": "%(date)s 及之前没有 %(code)s 的汇率。",
    "Cannot convert %(a)s to %(b)s: the units are of different categories.": "无法将%(a)s换算为%(b)s：两个单位不属于同一类别。",
    "Choose a unit of the same category.": "请选择同一类别的单位。", "This field is required.": "此项为必填项。",
    "Unknown time zone.": "未知的时区。",
    "“%(value)s” is not a valid unified social credit code (18 characters with a correct check digit).":
        "“%(value)s”不是有效的统一社会信用代码（应为 18 位且校验码正确）。",
    "Enter a valid phone number (digits, spaces, +, - and brackets).": "请输入有效的电话号码（数字、空格、+、- 和括号）。",
    "This value must not be negative.": "此值不能为负数。", "Organisation": "组织", "Departments": "部门",
    "Employees": "员工", "parent department": "上级部门", "head": "负责人", "sort order": "排序",
    "department": "部门", "departments": "部门", "position": "岗位", "positions": "岗位",
    "employee number": "工号", "user account": "用户账号", "manager": "直属上级", "hire date": "入职日期",
    "e-mail": "电子邮箱", "employee": "员工", "employees": "员工", "Choose a record of this company.": "请选择本公司的记录。",
    "A department cannot be placed under itself or its sub-departments.": "部门不能放在自身或其下级部门之下。",
    "This user is not a member of the company.": "该用户不是本公司成员。",
    "The manager chain would loop back to this employee.": "上级链会循环回到该员工。",
    "Levels must be 1 or more.": "层级必须大于或等于 1。", "Parent department": "上级部门", "Edit": "编辑",
    "Head": "负责人", "Sub-departments": "下级部门", "Members": "成员", "Employee number": "工号", "Name": "名称",
    "Position": "岗位", "Manager": "直属上级", "No employees in this department.": "该部门暂无员工。",
    "Archived": "已归档", "Department": "部门", "department head": "部门负责人", "User account": "用户账号",
    "Hire date": "入职日期", "Phone": "电话", "E-mail": "电子邮箱", "Code": "编码", "New": "新建", "Saved.": "已保存。",
    "Edit %(name)s": "编辑 %(name)s", "New department": "新建部门", "New employee": "新建员工", "Partners": "往来单位",
    "Customers": "客户", "Contacts": "联系人", "Suppliers": "供应商", "%(n)d suppliers": "%(n)d 家供应商",
    "Customers by province": "客户地区分布", "Leave empty to number automatically.": "留空则自动编号。",
    "Individual": "个人", "days": "天数", "payment term": "付款条件", "payment terms": "付款条件", "colour": "颜色",
    "partner tag": "往来单位标签", "partner tags": "往来单位标签", "kind": "类型", "short name": "简称",
    "customer": "客户", "supplier": "供应商", "organisation": "所属单位", "job title": "职务", "tax id": "税号",
    "Unified social credit code for organisations": "单位填写统一社会信用代码", "mobile": "手机", "website": "网站",
    "province": "省份", "city": "城市", "district": "区县", "street address": "详细地址", "postcode": "邮编",
    "owner": "负责人", "credit limit": "信用额度", "tags": "标签", "note": "备注", "partner": "往来单位",
    "partners": "往来单位", "Billing address": "开票地址", "Shipping address": "收货地址", "Other address": "其他地址",
    "contact": "联系人", "addresses": "地址", "bank": "开户银行", "account name": "账户名称",
    "account number": "银行账号", "default": "默认", "bank account": "银行账户", "bank accounts": "银行账户",
    "A contact belongs to an organisation.": "联系人必须隶属于一个单位。",
    "A partner cannot be its own organisation.": "往来单位不能隶属于自身。",
    "Mark the partner as a customer, a supplier or both.": "请勾选客户、供应商或两者。",
    "Choose a user of this company.": "请选择本公司的用户。", "A partner with this code already exists.": "该编码已被其他往来单位使用。",
    "Customer": "客户", "Supplier": "供应商", "Owner": "负责人", "Archive": "归档", "Restore": "恢复", "Details": "详细信息",
    "Kind": "类型", "Job title": "职务", "Short name": "简称", "Tax id": "税号", "Mobile": "手机", "Website": "网站",
    "Address": "地址", "Payment term": "付款条件", "Credit limit": "信用额度", "Add contact": "添加联系人",
    "No contacts yet.": "暂无联系人。", "Bank accounts": "银行账户", "Bank": "开户银行", "Account name": "账户名称",
    "Account number": "银行账号", "No bank accounts.": "暂无银行账户。", "City": "城市", "Tag": "标签", "Status": "状态",
    "Active": "有效", "Name, code, phone, e-mail or tax id": "名称、编码、电话、邮箱或税号", "New partner": "新建往来单位",
    "Unknown unit: %(value)s.": "未知的计量单位：%(value)s。", "Products": "商品", "active products": "在售商品",
    "Goods": "库存商品", "Service": "服务", "Consumable": "消耗品", "Not tracked": "不追踪", "By lot": "按批次",
    "By serial number": "按序列号", "parent category": "上级类别", "product category": "商品类别",
    "product categories": "商品类别", "specification": "规格型号", "type": "类型", "unit": "计量单位",
    "sales unit": "销售单位", "purchase unit": "采购单位", "barcode": "条码", "sale price": "销售价", "cost": "成本价",
    "VAT rate": "增值税税率", "tracking": "追踪方式", "description": "描述", "product": "商品", "products": "商品",
    "Choose a unit of the same category as the product unit (%(unit)s).": "请选择与商品基本单位（%(unit)s）同类别的单位。",
    "%(rate)s is not a VAT rate in force.": "%(rate)s 不是现行有效的增值税税率。",
    "Services cannot be tracked by lot or serial number.": "服务类商品不能按批次或序列号追踪。",
    "A product with this code already exists.": "该商品编码已存在。", "Another product already has this barcode.": "其他商品已使用该条码。",
    "A category cannot be placed under itself.": "类别不能放在自身之下。", "Category": "类别", "Unit": "单位",
    "Sales unit": "销售单位", "Purchase unit": "采购单位", "Sale price": "销售价", "Cost": "成本价", "Tracking": "追踪方式",
    "Barcode": "条码", "Specification": "规格型号", "Type": "类型", "Code, name, specification or barcode": "编码、名称、规格或条码",
    "New product": "新建商品", "Timeline": "动态", "Comment": "评论", "Internal note": "内部备注", "System": "系统",
    "Change": "变更", "message": "消息", "author": "作者", "mentions": "提及", "messages": "消息", "follower": "关注人",
    "followers": "关注人", "To-do": "待办", "Call": "电话", "Meeting": "会议", "Visit": "拜访", "Open": "未完成",
    "Done": "已完成", "Cancelled": "已取消", "summary": "摘要", "due date": "截止日期", "assigned to": "负责人",
    "state": "状态", "done at": "完成时间", "done by": "完成人", "activity": "活动", "activities": "活动", "file": "文件",
    "size": "大小", "uploaded by": "上传人", "uploaded at": "上传时间", "attachment": "附件", "attachments": "附件",
    "title": "标题", "link": "链接", "read at": "阅读时间", "notification": "通知", "notifications": "通知",
    "This kind of record has no timeline.": "此类记录没有动态。", "Choose a valid message kind.": "请选择有效的消息类型。",
    "Write a message first.": "请先填写消息内容。", "%(who)s mentioned you on %(record)s": "%(who)s 在「%(record)s」中提到了您",
    "New message on %(record)s": "「%(record)s」有新消息", "Choose a valid activity type.": "请选择有效的活动类型。",
    "New activity for you: %(summary)s": "您有新的活动：%(summary)s", "Activity done: %(summary)s": "活动已完成：%(summary)s",
    "The file is empty.": "文件为空。", "The file is larger than %(mb)d MB.": "文件超过 %(mb)d MB。",
    "Files of type %(type)s are not accepted.": "不接受 %(type)s 类型的文件。", "Attached %(name)s": "上传了附件 %(name)s",
    "Removed attachment %(name)s": "删除了附件 %(name)s", "Yes": "是", "No": "否", "Following": "已关注", "Follow": "关注",
    "Message": "消息", "Activity": "活动", "File": "文件",
    "Write a message; @name notifies a colleague": "输入消息，@姓名 可提醒同事", "Comment (notifies followers)": "评论（通知关注人）",
    "Send": "发送", "Due date": "截止日期", "Summary": "摘要", "Assigned to": "负责人", "Schedule": "安排", "Upload": "上传",
    "Planned": "计划中", "Mark done": "标记完成", "Attachments": "附件",
    "No messages yet. Changes, comments and activities will appear here.": "暂无动态。变更、评论和活动会显示在这里。",
    "Choose a file to upload.": "请选择要上传的文件。", "User interface": "用户界面", "My profile": "个人资料",
    "Audit log": "审计日志", "Notifications": "通知", "Username": "用户名", "Password": "密码",
    "Too many failed logins. The account is locked for a while; try again later or ask an administrator.":
        "登录失败次数过多，账号已暂时锁定。请稍后再试或联系管理员。",
    "Wrong username or password.": "用户名或密码错误。", "Display name": "显示名称", "Mobile phone": "手机",
    "Language": "语言", "Time zone": "时区", "Company default": "跟随公司设置", "Token name": "令牌名称",
    "Office": "办公", "Operations": "业务", "Finance": "财务", "People": "人事", "Reports": "报表", "Settings": "设置",
    "This page does not exist, or you may not see it.": "页面不存在，或您无权查看。",
    "Something went wrong on our side. The error was logged; please try again.": "系统出现错误，已记录日志，请重试。",
    "Back to the dashboard": "返回工作台", "API documentation": "API 文档",
    "Copy your new token now. It will not be shown again.": "请立即复制新令牌，它不会再次显示。", "Send it as": "使用方式",
    "New token": "新建令牌", "Create token": "创建令牌", "My tokens": "我的令牌", "Prefix": "前缀", "Last used": "最近使用",
    "Revoked": "已吊销", "Revoke": "吊销",
    "No tokens yet. Create one to let a program use the API on your behalf.": "暂无令牌。创建令牌后，程序即可代表您调用 API。",
    "Navigation": "导航", "Dashboard": "工作台", "Menu": "菜单", "Search customers, suppliers, products…": "搜索客户、供应商、商品…",
    "Search": "搜索", "Account": "账号", "Change password": "修改密码", "Log out": "退出登录", "Close": "关闭",
    "Cancel": "取消", "Save": "保存", "Good day, %(name)s": "%(name)s，您好", "My open activities": "我的待办",
    "Unread notifications": "未读通知", "My activities": "我的活动", "Record": "记录",
    "Nothing due. Schedule a follow-up from any customer, product or employee page.": "暂无待办。可在客户、商品或员工页面安排跟进。",
    "Latest notifications": "最新通知", "All": "全部", "No notifications yet.": "暂无通知。", "Export to Excel": "导出 Excel",
    "all": "全部", "Log in": "登录", "Office, customers and operations in one system": "办公、客户与业务，一个系统",
    "Your account is not a member of any active company. Ask an administrator to add you.": "您的账号不属于任何有效的公司，请联系管理员添加。",
    "Mark all as read": "全部标为已读",
    "No notifications yet. You will be told here when someone mentions you or gives you an activity.": "暂无通知。有人提到您或给您安排活动时，会在这里提醒。",
    "%(start)s–%(end)s of %(total)s": "第 %(start)s–%(end)s 条，共 %(total)s 条", "Pages": "分页", "Previous": "上一页",
    "Next": "下一页", "Nothing matches these filters. Clear the search or choose other filters.": "没有符合条件的记录。请清除搜索或更换筛选条件。",
    "Nothing here yet.": "暂无数据。", "Create the first one": "新建第一条", "Search: “%(q)s”": "搜索：“%(q)s”",
    "Show all": "查看全部", "No results. Try a code, a phone number or part of a name.": "没有结果。试试编码、电话号码或名称中的部分文字。",
    "You are not a member of that company.": "您不是该公司的成员。", "Your profile was saved.": "个人资料已保存。",
    "Your password was changed.": "密码已修改。", "The token was revoked.": "令牌已吊销。", "Time": "时间", "User": "用户",
    "Action": "操作", "Record type": "记录类型", "Changes": "变更内容", "Context": "上下文", "Search by user": "按用户搜索",
}
PLURALS = {"%(n)s follower": "%(n)s 位关注人", "%(n)s overdue": "%(n)s 项已逾期"}

if __name__ == "__main__":
    import sys

    import polib

    path = sys.argv[1] if len(sys.argv) > 1 else "ronghe/locale/zh_Hans/LC_MESSAGES/django.po"
    po = polib.pofile(path)
    po.metadata["Language"] = "zh_Hans"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    missing = []
    for e in po:
        if e.msgid_plural:
            if e.msgid in PLURALS:
                e.msgstr_plural = {0: PLURALS[e.msgid]}
            else:
                missing.append(e.msgid)
        elif e.msgid in ZH:
            e.msgstr = ZH[e.msgid]
        elif not e.msgstr:
            missing.append(e.msgid)
        if "fuzzy" in e.flags:
            e.flags.remove("fuzzy")
    po.save(path)
    po.save_as_mofile(path[:-3] + ".mo")
    if missing:
        print("untranslated:", *missing, sep="\n  ")
        sys.exit(1)
    print(f"{len(po)} entries translated")
