"""Simplified Chinese for every msgid. `python scripts/zh_hans.py` fills ronghe/locale/zh_Hans/LC_MESSAGES/django.po
after `make messages` extracted new strings; it reports any msgid still without a translation."""

ZH = {
    "Ronghe": "融合",
    "The request contains invalid data.": "请求包含无效数据。",
    "Authentication required: log in or send a valid API token.": "需要身份验证：请登录或提供有效的 API 令牌。",
    "Not found.": "未找到。",
    "You do not have permission to do this.": "您没有执行此操作的权限。",
    "This Idempotency-Key was already used for another request.": "此 Idempotency-Key 已用于另一个请求。",
    "Unknown value: %(value)s.": "未知的值：%(value)s。",
    "You are not a member of any active company.": "您不属于任何有效的公司。",
    "Platform": "平台",
    "The request could not be completed.": "请求无法完成。",
    "Please correct the errors below.": "请更正以下错误。",
    "This action is not allowed in the document's current state.": "单据当前状态下不允许此操作。",
    "The record was changed by someone else. Reload and try again.": "记录已被他人修改，请刷新后重试。",
    "created at": "创建时间",
    "updated at": "更新时间",
    "company": "公司",
    "created by": "创建人",
    "code": "编码",
    "name": "名称",
    "symbol": "符号",
    "decimal places": "小数位数",
    "active": "有效",
    "currency": "币种",
    "currencies": "币种",
    "date": "日期",
    "rate": "汇率",
    "exchange rate": "汇率",
    "exchange rates": "汇率",
    "unit category": "计量单位类别",
    "unit categories": "计量单位类别",
    "category": "类别",
    "factor to reference unit": "换算系数（相对基准单位）",
    "rounding": "舍入精度",
    "unit of measure": "计量单位",
    "units of measure": "计量单位",
    "name (Chinese)": "中文名称",
    "name (English)": "英文名称",
    "unified social credit code": "统一社会信用代码",
    "address": "地址",
    "phone": "电话",
    "logo": "标志",
    "default language": "默认语言",
    "companies": "公司",
    "mobile phone": "手机",
    "language": "语言",
    "time zone": "时区",
    "avatar": "头像",
    "display name": "显示名称",
    "active company": "当前公司",
    "user": "用户",
    "users": "用户",
    "Own records": "本人",
    "Own department": "本部门",
    "Own department and below": "本部门及下级部门",
    "Whole company": "全公司",
    "permissions": "权限",
    "data scope": "数据权限",
    "role": "角色",
    "roles": "角色",
    "model": "模型",
    "role data scope": "角色数据权限",
    "role data scopes": "角色数据权限",
    "company administrator": "公司管理员",
    "company membership": "公司成员",
    "company memberships": "公司成员",
    "document type": "单据类型",
    "period": "期间",
    "next number": "下一个编号",
    "sequence": "编号规则",
    "sequences": "编号规则",
    "Created": "创建",
    "Changed": "修改",
    "Deleted": "删除",
    "State change": "状态变更",
    "Login": "登录",
    "Failed login": "登录失败",
    "Logout": "退出",
    "Permission change": "权限变更",
    "API token used": "使用 API 令牌",
    "API token created/revoked": "创建/吊销 API 令牌",
    "time": "时间",
    "IP address": "IP 地址",
    "action": "操作",
    "record type": "记录类型",
    "record id": "记录 ID",
    "record": "记录",
    "changes": "变更",
    "context": "上下文",
    "audit entry": "审计记录",
    "audit log": "审计日志",
    "prefix": "前缀",
    "last used": "最近使用",
    "expires": "过期时间",
    "revoked": "已吊销",
    "API token": "API 令牌",
    "API tokens": "API 令牌",
    "No exchange rate for %(code)s on or before %(date)s.": "%(date)s 及之前没有 %(code)s 的汇率。",
    "Cannot convert %(a)s to %(b)s: the units are of different categories.": "无法将%(a)s换算为%(b)s：两个单位不属于同一类别。",
    "Choose a unit of the same category.": "请选择同一类别的单位。",
    "This field is required.": "此项为必填项。",
    "Unknown time zone.": "未知的时区。",
    "“%(value)s” is not a valid unified social credit code (18 characters with a correct check digit).": "“%(value)s”不是有效的统一社会信用代码（应为 18 位且校验码正确）。",
    "Enter a valid phone number (digits, spaces, +, - and brackets).": "请输入有效的电话号码（数字、空格、+、- 和括号）。",
    "This value must not be negative.": "此值不能为负数。",
    "Organisation": "组织",
    "Departments": "部门",
    "Employees": "员工",
    "parent department": "上级部门",
    "head": "负责人",
    "sort order": "排序",
    "department": "部门",
    "departments": "部门",
    "position": "岗位",
    "positions": "岗位",
    "employee number": "工号",
    "user account": "用户账号",
    "manager": "直属上级",
    "hire date": "入职日期",
    "e-mail": "电子邮箱",
    "employee": "员工",
    "employees": "员工",
    "Choose a record of this company.": "请选择本公司的记录。",
    "A department cannot be placed under itself or its sub-departments.": "部门不能放在自身或其下级部门之下。",
    "This user is not a member of the company.": "该用户不是本公司成员。",
    "The manager chain would loop back to this employee.": "上级链会循环回到该员工。",
    "Levels must be 1 or more.": "层级必须大于或等于 1。",
    "Parent department": "上级部门",
    "Edit": "编辑",
    "Head": "负责人",
    "Sub-departments": "下级部门",
    "Members": "成员",
    "Employee number": "工号",
    "Name": "名称",
    "Position": "岗位",
    "Manager": "直属上级",
    "No employees in this department.": "该部门暂无员工。",
    "Archived": "已归档",
    "Department": "部门",
    "department head": "部门负责人",
    "User account": "用户账号",
    "Hire date": "入职日期",
    "Phone": "电话",
    "E-mail": "电子邮箱",
    "Code": "编码",
    "New": "新建",
    "Saved.": "已保存。",
    "Edit %(name)s": "编辑 %(name)s",
    "New department": "新建部门",
    "New employee": "新建员工",
    "Partners": "往来单位",
    "Customers": "客户",
    "Contacts": "联系人",
    "Suppliers": "供应商",
    "%(n)d suppliers": "%(n)d 家供应商",
    "Customers by province": "客户地区分布",
    "Leave empty to number automatically.": "留空则自动编号。",
    "Individual": "个人",
    "days": "天数",
    "payment term": "付款条件",
    "payment terms": "付款条件",
    "colour": "颜色",
    "partner tag": "往来单位标签",
    "partner tags": "往来单位标签",
    "kind": "类型",
    "short name": "简称",
    "customer": "客户",
    "supplier": "供应商",
    "organisation": "所属单位",
    "job title": "职务",
    "tax id": "税号",
    "Unified social credit code for organisations": "单位填写统一社会信用代码",
    "mobile": "手机",
    "website": "网站",
    "province": "省份",
    "city": "城市",
    "district": "区县",
    "street address": "详细地址",
    "postcode": "邮编",
    "owner": "负责人",
    "credit limit": "信用额度",
    "tags": "标签",
    "note": "备注",
    "partner": "往来单位",
    "partners": "往来单位",
    "Billing address": "开票地址",
    "Shipping address": "收货地址",
    "Other address": "其他地址",
    "contact": "联系人",
    "addresses": "地址",
    "bank": "开户银行",
    "account name": "账户名称",
    "account number": "银行账号",
    "default": "默认",
    "bank account": "银行账户",
    "bank accounts": "银行账户",
    "A contact belongs to an organisation.": "联系人必须隶属于一个单位。",
    "A partner cannot be its own organisation.": "往来单位不能隶属于自身。",
    "Mark the partner as a customer, a supplier or both.": "请勾选客户、供应商或两者。",
    "Choose a user of this company.": "请选择本公司的用户。",
    "A partner with this code already exists.": "该编码已被其他往来单位使用。",
    "Customer": "客户",
    "Supplier": "供应商",
    "Owner": "负责人",
    "Archive": "归档",
    "Restore": "恢复",
    "Details": "详细信息",
    "Kind": "类型",
    "Job title": "职务",
    "Short name": "简称",
    "Tax id": "税号",
    "Mobile": "手机",
    "Website": "网站",
    "Address": "地址",
    "Payment term": "付款条件",
    "Credit limit": "信用额度",
    "Add contact": "添加联系人",
    "No contacts yet.": "暂无联系人。",
    "Bank accounts": "银行账户",
    "Bank": "开户银行",
    "Account name": "账户名称",
    "Account number": "银行账号",
    "No bank accounts.": "暂无银行账户。",
    "City": "城市",
    "Tag": "标签",
    "Status": "状态",
    "Active": "有效",
    "Name, code, phone, e-mail or tax id": "名称、编码、电话、邮箱或税号",
    "New partner": "新建往来单位",
    "Unknown unit: %(value)s.": "未知的计量单位：%(value)s。",
    "Products": "商品",
    "active products": "在售商品",
    "Goods": "库存商品",
    "Service": "服务",
    "Consumable": "消耗品",
    "Not tracked": "不追踪",
    "By lot": "按批次",
    "By serial number": "按序列号",
    "parent category": "上级类别",
    "product category": "商品类别",
    "product categories": "商品类别",
    "specification": "规格型号",
    "type": "类型",
    "unit": "计量单位",
    "sales unit": "销售单位",
    "purchase unit": "采购单位",
    "barcode": "条码",
    "sale price": "销售价",
    "cost": "成本价",
    "VAT rate": "增值税税率",
    "tracking": "追踪方式",
    "description": "描述",
    "product": "商品",
    "products": "商品",
    "Choose a unit of the same category as the product unit (%(unit)s).": "请选择与商品基本单位（%(unit)s）同类别的单位。",
    "%(rate)s is not a VAT rate in force.": "%(rate)s 不是现行有效的增值税税率。",
    "Services cannot be tracked by lot or serial number.": "服务类商品不能按批次或序列号追踪。",
    "A product with this code already exists.": "该商品编码已存在。",
    "Another product already has this barcode.": "其他商品已使用该条码。",
    "A category cannot be placed under itself.": "类别不能放在自身之下。",
    "Category": "类别",
    "Unit": "单位",
    "Sales unit": "销售单位",
    "Purchase unit": "采购单位",
    "Sale price": "销售价",
    "Cost": "成本价",
    "Tracking": "追踪方式",
    "Barcode": "条码",
    "Specification": "规格型号",
    "Type": "类型",
    "Code, name, specification or barcode": "编码、名称、规格或条码",
    "New product": "新建商品",
    "Timeline": "动态",
    "Comment": "评论",
    "Internal note": "内部备注",
    "System": "系统",
    "Change": "变更",
    "message": "消息",
    "author": "作者",
    "mentions": "提及",
    "messages": "消息",
    "follower": "关注人",
    "followers": "关注人",
    "To-do": "待办",
    "Call": "电话",
    "Meeting": "会议",
    "Visit": "拜访",
    "Open": "未完成",
    "Done": "已完成",
    "Cancelled": "已取消",
    "summary": "摘要",
    "due date": "截止日期",
    "assigned to": "负责人",
    "state": "状态",
    "done at": "完成时间",
    "done by": "完成人",
    "activity": "活动",
    "activities": "活动",
    "file": "文件",
    "size": "大小",
    "uploaded by": "上传人",
    "uploaded at": "上传时间",
    "attachment": "附件",
    "attachments": "附件",
    "title": "标题",
    "link": "链接",
    "read at": "阅读时间",
    "notification": "通知",
    "notifications": "通知",
    "This kind of record has no timeline.": "此类记录没有动态。",
    "Choose a valid message kind.": "请选择有效的消息类型。",
    "Write a message first.": "请先填写消息内容。",
    "%(who)s mentioned you on %(record)s": "%(who)s 在「%(record)s」中提到了您",
    "New message on %(record)s": "「%(record)s」有新消息",
    "Choose a valid activity type.": "请选择有效的活动类型。",
    "New activity for you: %(summary)s": "您有新的活动：%(summary)s",
    "Activity done: %(summary)s": "活动已完成：%(summary)s",
    "The file is empty.": "文件为空。",
    "The file is larger than %(mb)d MB.": "文件超过 %(mb)d MB。",
    "Files of type %(type)s are not accepted.": "不接受 %(type)s 类型的文件。",
    "Attached %(name)s": "上传了附件 %(name)s",
    "Removed attachment %(name)s": "删除了附件 %(name)s",
    "Yes": "是",
    "No": "否",
    "Following": "已关注",
    "Follow": "关注",
    "Message": "消息",
    "Activity": "活动",
    "File": "文件",
    "Write a message; @name notifies a colleague": "输入消息，@姓名 可提醒同事",
    "Comment (notifies followers)": "评论（通知关注人）",
    "Send": "发送",
    "Due date": "截止日期",
    "Summary": "摘要",
    "Assigned to": "负责人",
    "Schedule": "安排",
    "Upload": "上传",
    "Planned": "计划中",
    "Mark done": "标记完成",
    "Attachments": "附件",
    "No messages yet. Changes, comments and activities will appear here.": "暂无动态。变更、评论和活动会显示在这里。",
    "Choose a file to upload.": "请选择要上传的文件。",
    "User interface": "用户界面",
    "My profile": "个人资料",
    "Audit log": "审计日志",
    "Notifications": "通知",
    "Username": "用户名",
    "Password": "密码",
    "Too many failed logins. The account is locked for a while; try again later or ask an administrator.": "登录失败次数过多，账号已暂时锁定。请稍后再试或联系管理员。",
    "Wrong username or password.": "用户名或密码错误。",
    "Display name": "显示名称",
    "Mobile phone": "手机",
    "Language": "语言",
    "Time zone": "时区",
    "Company default": "跟随公司设置",
    "Token name": "令牌名称",
    "Office": "办公",
    "Operations": "业务",
    "Finance": "财务",
    "People": "人事",
    "Reports": "报表",
    "Settings": "设置",
    "This page does not exist, or you may not see it.": "页面不存在，或您无权查看。",
    "Something went wrong on our side. The error was logged; please try again.": "系统出现错误，已记录日志，请重试。",
    "Back to the dashboard": "返回工作台",
    "API documentation": "API 文档",
    "Copy your new token now. It will not be shown again.": "请立即复制新令牌，它不会再次显示。",
    "Send it as": "使用方式",
    "New token": "新建令牌",
    "Create token": "创建令牌",
    "My tokens": "我的令牌",
    "Prefix": "前缀",
    "Last used": "最近使用",
    "Revoked": "已吊销",
    "Revoke": "吊销",
    "No tokens yet. Create one to let a program use the API on your behalf.": "暂无令牌。创建令牌后，程序即可代表您调用 API。",
    "Navigation": "导航",
    "Dashboard": "工作台",
    "Menu": "菜单",
    "Search customers, suppliers, products…": "搜索客户、供应商、商品…",
    "Search": "搜索",
    "Account": "账号",
    "Change password": "修改密码",
    "Log out": "退出登录",
    "Close": "关闭",
    "Cancel": "取消",
    "Save": "保存",
    "Good day, %(name)s": "%(name)s，您好",
    "My open activities": "我的待办",
    "Unread notifications": "未读通知",
    "My activities": "我的活动",
    "Record": "记录",
    "Nothing due. Schedule a follow-up from any customer, product or employee page.": "暂无待办。可在客户、商品或员工页面安排跟进。",
    "Latest notifications": "最新通知",
    "All": "全部",
    "No notifications yet.": "暂无通知。",
    "Export to Excel": "导出 Excel",
    "all": "全部",
    "Log in": "登录",
    "Office, customers and operations in one system": "办公、客户与业务，一个系统",
    "Your account is not a member of any active company. Ask an administrator to add you.": "您的账号不属于任何有效的公司，请联系管理员添加。",
    "Mark all as read": "全部标为已读",
    "No notifications yet. You will be told here when someone mentions you or gives you an activity.": "暂无通知。有人提到您或给您安排活动时，会在这里提醒。",
    "%(start)s–%(end)s of %(total)s": "第 %(start)s–%(end)s 条，共 %(total)s 条",
    "Pages": "分页",
    "Previous": "上一页",
    "Next": "下一页",
    "Nothing matches these filters. Clear the search or choose other filters.": "没有符合条件的记录。请清除搜索或更换筛选条件。",
    "Nothing here yet.": "暂无数据。",
    "Create the first one": "新建第一条",
    "Search: “%(q)s”": "搜索：“%(q)s”",
    "Show all": "查看全部",
    "No results. Try a code, a phone number or part of a name.": "没有结果。试试编码、电话号码或名称中的部分文字。",
    "You are not a member of that company.": "您不是该公司的成员。",
    "Your profile was saved.": "个人资料已保存。",
    "Your password was changed.": "密码已修改。",
    "The token was revoked.": "令牌已吊销。",
    "Time": "时间",
    "User": "用户",
    "Action": "操作",
    "Record type": "记录类型",
    "Changes": "变更内容",
    "Context": "上下文",
    "Search by user": "按用户搜索",
    "A bank account number has digits only.": "银行账号只能包含数字。",
    "This account is already recorded.": "该账号已登记。",
    "No other addresses. The address above is used for documents.": "暂无其他地址，单据使用上方的地址。",
    "History": "变更历史",
    "History of this record": "本记录的变更历史",
    "Addresses": "地址",
    "Add address": "添加地址",
    "Add bank account": "添加银行账户",
    "Contact": "联系人",
    "Postcode": "邮编",
    "Province": "省份",
    "Street address": "详细地址",
    "Default account": "默认账户",
    "AM": "上午",
    "PM": "下午",
    "%(start)s %(sh)s – %(end)s %(eh)s, %(days)s working days": "%(start)s %(sh)s 至 %(end)s %(eh)s，共 %(days)s 个工作日",
    "Request forms": "审批表单",
    "New request": "发起审批",
    "A form needs at least one field.": "表单至少需要一个字段。",
    "Every field needs a unique key of letters, digits and _ (“%(key)s”).": "每个字段需要唯一的标识，只能包含字母、数字和下划线（“%(key)s”）。",
    "Field “%(key)s” has an unknown type.": "字段“%(key)s”的类型无效。",
    "Field “%(key)s” needs options.": "字段“%(key)s”需要选项。",
    "Table “%(key)s” needs columns of simple types.": "明细表“%(key)s”需要简单类型的列。",
    "Field “%(key)s” needs a label.": "字段“%(key)s”需要名称。",
    "At most %(n)d characters.": "最多 %(n)d 个字符。",
    "Enter a number.": "请输入数字。",
    "Enter a date as YYYY-MM-DD.": "请按 YYYY-MM-DD 输入日期。",
    "Enter a date and time.": "请输入日期和时间。",
    "Choose one of the options.": "请选择一个选项。",
    "Attach at least one file.": "请至少上传一个文件。",
    "Add at least one row.": "请至少添加一行。",
    "Choose the start and the end.": "请选择开始和结束时间。",
    "Enter dates as YYYY-MM-DD.": "请按 YYYY-MM-DD 输入日期。",
    "The end is before the start.": "结束时间早于开始时间。",
    "The period contains no working day.": "所选时间内没有工作日。",
    "%(label)s (working days)": "%(label)s（工作日）",
    "%(label)s total": "%(label)s合计",
    "icon": "图标",
    "fields": "字段",
    "form template": "审批表单",
    "form templates": "审批表单",
    "Draft": "草稿",
    "In approval": "审批中",
    "Returned": "已退回",
    "Approved": "已通过",
    "Rejected": "已驳回",
    "Withdrawn": "已撤回",
    "form": "表单",
    "content": "内容",
    "submitted at": "提交时间",
    "request form": "审批单",
    "request forms": "审批单",
    "This request cannot be changed while it is %(state)s.": "审批单%(state)s时不能修改。",
    "This request was already submitted.": "该审批单已提交。",
    "Edit and submit": "编辑并提交",
    "Discard": "作废",
    "Choose…": "请选择…",
    "Start": "开始",
    "Start half": "开始时段",
    "End": "结束",
    "End half": "结束时段",
    "working days": "个工作日",
    "Weekends and public holidays are not counted; adjusted working days (调休) are.": "不计周末和法定节假日；调休上班日计入。",
    "Remove row": "删除行",
    "Total": "合计",
    "Add row": "添加一行",
    "choose the approvers": "选择审批人",
    "Save draft": "保存草稿",
    "Resubmit": "重新提交",
    "Submit": "提交",
    "New form": "新建表单",
    "Fields": "字段",
    "Edit form": "编辑表单",
    "Edit flow": "编辑流程",
    "Name (English)": "英文名称",
    "Icon": "图标",
    "Description": "说明",
    "Add field": "添加字段",
    "Key": "标识",
    "Label": "名称",
    "Label (English)": "英文名称",
    "Required": "必填",
    "Up": "上移",
    "Down": "下移",
    "Remove": "删除",
    "One option per line: value=label": "每行一个选项：值=名称",
    "Options": "选项",
    "Columns": "列",
    "Sum": "合计",
    "Add column": "添加列",
    "Submitted by me": "我发起的",
    "Drafts and returned requests": "草稿和被退回的审批单",
    "No request forms yet. An administrator creates them under Settings → Request forms.": "还没有审批表单。管理员可在“设置 → 审批表单”中创建。",
    "Other": "其他",
    "Submitted for approval.": "已提交审批。",
    "Draft saved.": "草稿已保存。",
    "Withdrawn.": "已撤回。",
    "The field list could not be read.": "无法读取字段列表。",
    "Approvals": "审批",
    "My deputies": "我的代理人",
    "Approval flows": "审批流程",
    "Waiting for my approval": "待我审批",
    "%(n)d of mine in progress": "我发起的进行中 %(n)d 件",
    "Submitted for approval": "已提交审批",
    "Approval approved": "审批已通过",
    "Approval rejected": "审批被驳回",
    "Returned for changes": "已退回修改",
    "Approval withdrawn": "审批已撤回",
    "current version": "当前版本",
    "approval flow": "审批流程",
    "approval flows": "审批流程",
    "flow": "流程",
    "version": "版本",
    "definition": "定义",
    "flow version": "流程版本",
    "flow versions": "流程版本",
    "number": "编号",
    "initiator": "发起人",
    "values at submission": "提交时的数据",
    "branch": "分支",
    "round": "轮次",
    "finished at": "完成时间",
    "approval request": "审批",
    "approval requests": "审批",
    "approver": "审批人",
    "on behalf of": "代理",
    "comment": "意见",
    "due": "截止时间",
    "decided at": "处理时间",
    "approval task": "审批任务",
    "approval tasks": "审批任务",
    "Submitted": "提交",
    "Resubmitted": "重新提交",
    "Returned to the initiator": "退回发起人",
    "Transferred": "转交",
    "Added an approver": "加签",
    "Urged": "催办",
    "Commented": "评论",
    "Skipped automatically": "自动跳过",
    "Approved automatically": "自动通过",
    "Escalated": "超时升级",
    "Reminded": "超时提醒",
    "Copied": "抄送",
    "Finished": "结束",
    "deputy": "代理人",
    "from": "开始日期",
    "to": "结束日期",
    "delegation": "代理设置",
    "delegations": "代理设置",
    "No approval flow is set up for this kind of document. Ask an administrator.": "此类单据尚未设置审批流程，请联系管理员。",
    "This approval is no longer waiting for that action (it is %(state)s).": "该审批当前不能执行此操作（状态：%(state)s）。",
    "Choose the approvers of “%(node)s”.": "请选择“%(node)s”的审批人。",
    "Waiting for your approval: %(title)s": "待您审批：%(title)s",
    "(on behalf of %(name)s)": "（代 %(name)s 审批）",
    "For your information: %(title)s": "抄送给您：%(title)s",
    "Approved: %(title)s": "已通过：%(title)s",
    "Rejected: %(title)s": "已驳回：%(title)s",
    "This document already has an approval in progress.": "该单据已有进行中的审批。",
    "This approval task is not yours.": "这不是您的审批任务。",
    "Say why you reject.": "请填写驳回原因。",
    "Say what should be changed.": "请说明需要修改的内容。",
    "Returned to you: %(title)s": "已退回给您：%(title)s",
    "Choose someone else.": "请选择其他人。",
    "Choose before or after.": "请选择前加签或后加签。",
    "Choose another user of this company.": "请选择本公司的其他用户。",
    "Please approve: %(title)s": "请尽快审批：%(title)s",
    "%(name)s is waiting for your decision.": "%(name)s 正在等待您的审批。",
    "Deadline passed, please approve: %(title)s": "已超时，请尽快审批：%(title)s",
    "Approved automatically after the deadline.": "超时后自动通过。",
    "Escalated after the deadline.": "超时后升级。",
    "The end date is before the start date.": "结束日期早于开始日期。",
    "No branch of the approval flow applies and the flow has no default branch.": "没有适用的审批分支，且流程缺少默认分支。",
    "A flow needs at least one branch.": "流程至少需要一个分支。",
    "“If nobody can approve” must be “company administrator” or “skip”.": "“无人审批时”只能选择“公司管理员”或“跳过”。",
    "Escalation needs a delay in hours and a target (manager or automatic approval).": "超时升级需要设置小时数和升级方式（上级或自动通过）。",
    "The last branch is the default branch: it must have no conditions.": "最后一个分支是默认分支，不能设置条件。",
    "Branch %(n)d": "分支 %(n)d",
    "Branch “%(b)s”: each condition needs a field and a valid operator.": "分支“%(b)s”：每个条件都需要字段和有效的运算符。",
    "Branch “%(b)s” needs at least one approval node.": "分支“%(b)s”至少需要一个审批节点。",
    "Node “%(n)s”: choose a valid kind, mode and approver rule.": "节点“%(n)s”：请选择有效的类型、方式和审批人规则。",
    "Node “%(n)s”: name at least one approver.": "节点“%(n)s”：请至少指定一名审批人。",
    "Node “%(n)s”: choose a role.": "节点“%(n)s”：请选择角色。",
    "Node “%(n)s”: choose a department.": "节点“%(n)s”：请选择部门。",
    "Node “%(n)s”: the deadline must be a positive number of hours.": "节点“%(n)s”：时限必须是正的小时数。",
    "Waiting": "等待中",
    "In progress": "进行中",
    "Skipped": "已跳过",
    "To approve": "待审批",
    "While you are away, approval tasks arriving for you go to your deputy, who decides on your behalf.": "您不在期间，新到的审批任务会转给代理人，由其代您审批。",
    "You stand in for": "您正在代理",
    "Name a deputy": "设置代理人",
    "Deputy": "代理人",
    "From": "开始",
    "To": "结束",
    "Ended": "已结束",
    "No deputy named. Name one before a holiday so that nothing waits for you.": "尚未设置代理人。休假前设置代理人，审批就不会耽误。",
    "Approval flow": "审批流程",
    "Version %(n)s. Saving makes a new version; requests in progress keep theirs.": "第 %(n)s 版。保存会生成新版本，进行中的审批仍按原版本执行。",
    "Not set up yet.": "尚未设置。",
    "If nobody can approve a node": "节点无人审批时",
    "send it to the company administrator": "交给公司管理员",
    "skip the node": "跳过该节点",
    "Escalate after the deadline": "超时后升级",
    "Hours": "小时",
    "hours later, to": "小时后，升级为",
    "Escalate to": "升级方式",
    "the approver's manager": "审批人的上级",
    "automatic approval": "自动通过",
    "Branch name": "分支名称",
    "default branch": "默认分支",
    "Remove branch": "删除分支",
    "Taken when all these hold:": "同时满足以下条件时进入本分支：",
    "Field": "字段",
    "Operator": "运算符",
    "one of": "属于",
    "Value": "值",
    "Add condition": "添加条件",
    "Copy": "抄送",
    "Approve": "同意",
    "Node name": "节点名称",
    "Approvers": "审批人",
    "Head of the initiator's department": "发起人的部门负责人",
    "Initiator's manager, N levels up": "发起人的第 N 级上级",
    "Head of a named department": "指定部门的负责人",
    "Everyone with a role": "指定角色",
    "Named users": "指定成员",
    "Chosen by the initiator": "发起人自选",
    "Mode": "审批方式",
    "One after another": "依次审批",
    "All must approve": "会签（全部同意）",
    "Any one approves": "或签（一人同意即可）",
    "Deadline": "时限",
    "Deadline in hours": "时限（小时）",
    "Levels up": "上级层数",
    "Role": "角色",
    "Approval node": "审批节点",
    "Copy node": "抄送节点",
    "Add conditional branch": "添加条件分支",
    "Save as new version": "保存为新版本",
    "Preview": "预览",
    "Who would approve if this person submitted with these values?": "如果此人按这些数据提交，谁会审批？",
    "Initiator": "发起人",
    "Show approvers": "查看审批人",
    "Versions": "版本",
    "Document type": "单据类型",
    "Flow": "流程",
    "Version": "版本",
    "Not set up: requests cannot be submitted": "未设置：无法提交审批",
    "Number, title or content": "编号、标题或内容",
    "Selected": "已选",
    "Select requests to approve several at once": "勾选审批可批量同意",
    "Approve the selected requests?": "确定同意所选审批？",
    "Approve selected": "批量同意",
    "Select": "选择",
    "on behalf of %(name)s": "代 %(name)s",
    "Decide": "审批",
    "View": "查看",
    "Nothing waits for your approval. Well done.": "没有待您审批的事项，干得好。",
    "You have not submitted any request yet.": "您还没有发起过审批。",
    "Start one": "发起审批",
    "Branch": "分支",
    "copy": "抄送",
    "nobody — skipped": "无人——跳过",
    "chosen by the initiator": "由发起人选择",
    "nobody found: company administrator": "未找到审批人：交给公司管理员",
    "the initiator is skipped": "跳过发起人本人",
    "round %(n)s": "第 %(n)s 轮",
    "Edit and resubmit": "修改后重新提交",
    "Urge": "催办",
    "Withdraw this request?": "确定撤回此审批？",
    "Withdraw": "撤回",
    "Your decision": "您的审批",
    "Due": "截止",
    "Comment (required to reject or return)": "审批意见（驳回或退回时必填）",
    "Before me (they decide first)": "前加签（先由其审批）",
    "After me (I approve now, they too)": "后加签（我先同意，再由其审批）",
    "Reject": "驳回",
    "Return": "退回",
    "Transfer": "转交",
    "Transfer to the chosen user": "转交给所选用户",
    "Add approver": "加签",
    "Add the chosen approver": "为所选用户加签",
    "Content": "审批内容",
    "Approval progress": "审批进度",
    "all must approve": "会签",
    "any one approves": "或签",
    "one after another": "依次审批",
    "deciding": "审批中",
    "Waiting for me": "待我审批",
    "Decided by me": "我已审批",
    "Copied to me": "抄送我的",
    "%(n)d requests approved.": "已同意 %(n)d 件审批。",
    "%(n)d requests could not be approved (they changed meanwhile).": "%(n)d 件审批未能同意（状态已变化）。",
    "Approved.": "已同意。",
    "Rejected.": "已驳回。",
    "Returned to the initiator.": "已退回发起人。",
    "Transferred.": "已转交。",
    "Approver added.": "已加签。",
    "%(n)d approvers were reminded.": "已提醒 %(n)d 位审批人。",
    "Default": "默认",
    "Saved as a new version. Requests in progress keep their version.": "已保存为新版本，进行中的审批仍按原版本执行。",
    "The flow could not be read.": "无法读取流程。",
    "Initiator's department": "发起人部门",
    "Inventory": "库存",
    "Not enough stock.": "库存不足。",
    "This product needs a lot or serial number.": "该商品需要批次号或序列号。",
    "Stock moved: %(qty)s, value %(value)s": "库存移动：数量 %(qty)s，金额 %(value)s",
    "Internal": "内部",
    "Inventory loss": "盘点盈亏",
    "Production": "生产",
    "Transit": "在途",
    "full name": "完整名称",
    "parent location": "上级库位",
    "warehouse": "仓库",
    "location": "库位",
    "locations": "库位",
    "warehouse location": "仓库库位",
    "stock location": "库存库位",
    "allow negative stock": "允许负库存",
    "warehouses": "仓库",
    "lot / serial number": "批次/序列号",
    "expiry date": "有效期至",
    "lots / serial numbers": "批次/序列号",
    "on hand": "现存量",
    "reserved": "已预留",
    "stock on hand": "现存量",
    "Receipt": "入库单",
    "Delivery": "出库单",
    "Internal transfer": "调拨单",
    "Customer return": "销售退货",
    "Return to supplier": "采购退货",
    "scheduled date": "计划日期",
    "source document": "源单据",
    "backorder of": "欠货来源",
    "return of": "退货来源",
    "transfer": "出入库单",
    "transfers": "出入库单",
    "reference": "单号",
    "quantity": "数量",
    "quantity in product unit": "基本单位数量",
    "unit cost": "单位成本",
    "value": "金额",
    "stock move": "库存移动",
    "stock moves": "库存移动",
    "Enter a name without “/”.": "名称不能包含“/”。",
    "A warehouse with this code already exists.": "该仓库编码已存在。",
    "Enter a lot or serial number.": "请输入批次号或序列号。",
    "%(product)s is tracked: give its lot or serial number.": "%(product)s 需要批次/序列号管理，请填写批次号或序列号。",
    "A serial number is moved one piece at a time (%(product)s).": "序列号商品每次只能移动一件（%(product)s）。",
    "The quantity must be greater than zero.": "数量必须大于零。",
    "Services are not stocked.": "服务类商品不管理库存。",
    "Choose a different destination.": "请选择不同的目标库位。",
    "A view location holds no stock; choose one inside it.": "视图库位不存放库存，请选择其下级库位。",
    "Not enough %(product)s in %(location)s: %(free)s available, %(need)s needed.": "%(location)s 的 %(product)s 库存不足：可用 %(free)s，需要 %(need)s。",
    "Serial number %(lot)s is already in stock.": "序列号 %(lot)s 已在库存中。",
    "Choose a valid transfer type.": "请选择有效的单据类型。",
    "Add at least one line.": "请至少添加一行。",
    "This transfer is %(state)s.": "该单据状态为%(state)s。",
    "Only receipts and deliveries can be returned.": "只有入库单和出库单可以退货。",
    "At most %(n)s can still be returned.": "最多还能退 %(n)s。",
    "Choose what to return.": "请选择要退的商品。",
    "Reserved": "已预留",
    "Ready": "就绪",
    "Moving weighted average": "移动加权平均",
    "First in, first out": "先进先出",
    "costing method": "计价方法",
    "Warehouse": "仓库",
    "Difference value": "差异金额",
    "Differences": "差异明细",
    "Product": "商品",
    "Lot / serial number": "批次/序列号",
    "Book quantity": "账面数量",
    "Counted quantity": "实盘数量",
    "Difference": "差异",
    "Stock count %(number)s": "盘点单 %(number)s",
    "%(wh)s, difference %(value)s": "%(wh)s，差异金额 %(value)s",
    "Stock count": "盘点单",
    "Transfers": "出入库",
    "Stock on hand": "库存查询",
    "Stock summary": "收发存汇总",
    "Stock moves": "库存流水",
    "Stock counts": "库存盘点",
    "Choose an internal location of this company.": "请选择本公司的内部库位。",
    "This count is %(state)s.": "该盘点单状态为%(state)s。",
    "unknown product code “%(code)s”": "商品编码“%(code)s”不存在",
    "the counted quantity is not a number ≥ 0": "实盘数量不是大于等于 0 的数字",
    "Nothing was imported: correct these rows.": "未导入任何数据，请更正以下行。",
    "The first row must name the columns 商品编码 and 实盘数量.": "第一行必须包含“商品编码”和“实盘数量”两列。",
    "Enter at least one counted quantity.": "请至少填写一个实盘数量。",
    "approve stock counts whose difference exceeds (value)": "盘点差异金额超过此值需审批",
    "inventory settings": "库存设置",
    "Counting": "盘点中",
    "Posted": "已过账",
    "difference value": "差异金额",
    "adjustment": "调整单",
    "stock count": "盘点单",
    "stock counts": "盘点单",
    "book quantity": "账面数量",
    "counted quantity": "实盘数量",
    "New stock count": "新建盘点单",
    "The sheet lists every product on hand in the warehouse's stock location with its book quantity. Count, type or import the counted quantities, then post.": "盘点单会列出该仓库库存库位中所有有库存的商品及账面数量。清点后录入或导入实盘数量，然后过账。",
    "Only this category": "仅此类别",
    "All products": "全部商品",
    "Note": "备注",
    "Create count sheet": "生成盘点单",
    "Approval": "审批",
    "Adjustment": "调整单",
    "Count sheet": "盘点明细",
    "Differences worth more than %(v)s need approval": "差异金额超过 %(v)s 需要审批",
    "No stock in this location. Add the products you find.": "该库位没有库存。请添加实际盘到的商品。",
    "Post the differences?": "确定过账盘点差异？",
    "Post differences": "差异过账",
    "Add a product found": "添加盘到的商品",
    "Product code": "商品编码",
    "Lot (if any)": "批次（如有）",
    "Add": "添加",
    "Import counted quantities": "导入实盘数量",
    "Import": "导入",
    "Excel with the columns 商品编码, 批次 (optional) and 实盘数量. If any row is wrong nothing is imported.": "Excel 文件包含“商品编码”“批次”（可选）和“实盘数量”三列。只要有一行出错，就不会导入任何数据。",
    "Code or name": "编码或名称",
    "Show": "查询",
    "Opening": "期初",
    "In": "收入",
    "Out": "发出",
    "Closing": "结存",
    "Quantity": "数量",
    "No stock movements in this period.": "本期间没有库存变动。",
    "Confirm": "确认",
    "Check availability": "检查可用量",
    "Cancel this transfer?": "确定取消此单据？",
    "Lines": "明细",
    "Backorder": "欠货单",
    "Backorder of": "欠货来源",
    "Done now": "本次完成",
    "State": "状态",
    "Create a backorder for what is not done": "未完成部分生成欠货单",
    "Validate": "确认出入库",
    "New %(kind)s": "新建%(kind)s",
    "Source document": "源单据",
    "Scheduled date": "计划日期",
    "Scan or type a product code and press Enter": "扫码或输入商品编码后按回车",
    "Choose a product": "选择商品",
    "No product with code": "没有此编码的商品：",
    "Unit cost": "单位成本",
    "required": "必填",
    "Scan a product or choose one to add a line.": "扫码或选择商品以添加明细。",
    "Save and validate": "保存并确认出入库",
    "Receipts": "入库单",
    "Deliveries": "出库单",
    "Internal transfers": "调拨单",
    "Customer returns": "销售退货单",
    "Returns to suppliers": "采购退货单",
    "Number": "单号",
    "Partner": "往来单位",
    "Number or source document": "单号或源单据",
    "Choose a product.": "请选择商品。",
    "Choose a warehouse.": "请选择仓库。",
    "Return created.": "已生成退货单。",
    "On hand": "现存量",
    "Available": "可用量",
    "Stock": "库存",
    "In stock only": "仅显示有库存",
    "Opening quantity": "期初数量",
    "Opening value": "期初金额",
    "In quantity": "收入数量",
    "In value": "收入金额",
    "Out quantity": "发出数量",
    "Out value": "发出金额",
    "Closing quantity": "结存数量",
    "Closing value": "结存金额",
    "Date": "日期",
    "Reference": "单号",
    "Product, reference or lot": "商品、单号或批次",
    "Location": "库位",
    "Sent for approval.": "已提交审批。",
    "Posted.": "已过账。",
    "No product with code %(code)s.": "没有编码为 %(code)s 的商品。",
    "%(n)d rows imported.": "已导入 %(n)d 行。",
    "Row %(n)s: %(problem)s": "第 %(n)s 行：%(problem)s",
    "Amount": "金额",
    "minimum": "最低库存",
    "maximum": "最高库存",
    "reorder rule": "补货规则",
    "reorder rules": "补货规则",
    "The first row must name the columns 商品编码, 库位, 批次, 数量 and 单位成本.": "第一行必须包含“商品编码、库位、批次、数量、单位成本”各列。",
    "services are not stocked": "服务类商品不管理库存",
    "a lot or serial number is needed": "需要批次号或序列号",
    "unknown location “%(loc)s”": "库位“%(loc)s”不存在",
    "the quantity must be a number greater than zero": "数量必须是大于零的数字",
    "the unit cost must be a number ≥ 0": "单位成本必须是大于等于 0 的数字",
    "The file has no rows.": "文件中没有数据行。",
    "Opening balances": "期初余额",
    "The maximum must be at least the minimum, and both ≥ 0.": "最高库存不能低于最低库存，且两者都不能为负数。",
    "Import opening balances": "导入期初库存",
    "An Excel file with the columns 商品编码, 库位 (e.g. SH/库存), 批次, 数量 and 单位成本. Every row is checked first; if any row is wrong nothing is imported.": "Excel 文件包含“商品编码、库位（如 SH/库存）、批次、数量、单位成本”各列。系统先检查每一行，只要有一行出错就不会导入任何数据。",
    "Replenishment": "补货建议",
    "Below their minimum": "低于最低库存",
    "forecast = on hand − reserved for deliveries + incoming receipts": "预计库存 = 现存量 − 待出库 + 待入库",
    "Incoming": "待入库",
    "Outgoing": "待出库",
    "Forecast": "预计库存",
    "Minimum": "最低库存",
    "Maximum": "最高库存",
    "Suggested order": "建议采购",
    "Nothing is below its minimum.": "没有低于最低库存的商品。",
    "Reorder rule": "补货规则",
    "Choose a product and a warehouse.": "请选择商品和仓库。",
    "Choose a warehouse and a file.": "请选择仓库和文件。",
    "Opening balances imported.": "期初库存已导入。",
    "Lot traceability": "批次追溯",
    "Lot or serial number": "批次号或序列号",
    "No lot or serial number matches.": "没有匹配的批次或序列号。",
    "Where it is now": "当前所在库位",
    "Not in stock.": "不在库存中。",
    "Every move": "全部移动记录",
    "Document": "单据",
    "No moves.": "没有移动记录。",
    "Stock age": "库龄分析",
    "Quantity still in stock by the age of the receipt it came with (days)": "按入库批次的库龄（天）统计的在库数量",
    "Oldest receipt": "最早入库",
    "No stock.": "没有库存。",
    "Post the cost difference as an adjustment today": "将成本差异作为今日的调整过账",
    "Re-cost the later deliveries (bounded window)": "重算之后出库的成本（有限范围）",
    "when a move is dated in the past": "移动日期早于今天时",
}
ZH["Accounting"] = "财务会计"
ZH["Vouchers"] = "凭证"
ZH["Trial balance"] = "科目余额表"
ZH["Ledger"] = "明细账"
ZH["Balance sheet"] = "资产负债表"
ZH["Income statement"] = "利润表"
ZH["Periods"] = "会计期间"
ZH["Chart of accounts"] = "会计科目"
ZH["You may not close or reopen accounting periods."] = "您没有结账或反结账的权限。"
ZH["Carry profit and loss to current year profit"] = "结转本期损益"
ZH["Carry current year profit to undistributed profit"] = "结转本年利润至未分配利润"
ZH["Period %(period)s is already closed."] = "期间 %(period)s 已结账。"
ZH["Close %(period)s first: periods close in order."] = "请先对 %(period)s 结账：会计期间须按顺序结账。"
ZH["%(n)s vouchers of %(period)s are not posted yet (%(numbers)s): review and post them first."] = (
    "%(period)s 还有 %(n)s 张凭证未过账（%(numbers)s），请先审核并过账。"
)
ZH["Profit and loss carried forward %(period)s"] = "%(period)s 结转损益"
ZH["Give the reason for reopening the period."] = "请填写反结账的原因。"
ZH["Period %(period)s is open."] = "期间 %(period)s 未结账。"
ZH["Reopen the later closed periods first (in reverse order)."] = (
    "请先对后面已结账的期间反结账（按倒序进行）。"
)
ZH["This accounting period is closed."] = "该会计期间已结账。"
ZH["Debits and credits are not equal."] = "借贷不平衡。"
ZH["Stock valuation of %(date)s"] = "%(date)s 存货核算"
ZH["Stock in %(reference)s"] = "入库 %(reference)s"
ZH["Stock out %(reference)s"] = "出库 %(reference)s"
ZH["Stock value adjusted (backdated move)"] = "存货成本调整（补录单据）"
ZH["Assets"] = "资产类"
ZH["Liabilities"] = "负债类"
ZH["Equity"] = "所有者权益类"
ZH["Costs"] = "成本类"
ZH["Profit and loss"] = "损益类"
ZH["Debit"] = "借方"
ZH["Credit"] = "贷方"
ZH["parent account"] = "上级科目"
ZH["level"] = "级次"
ZH["balance direction"] = "余额方向"
ZH["leaf account"] = "末级科目"
ZH["by partner"] = "往来单位核算"
ZH["by department"] = "部门核算"
ZH["by employee"] = "职员核算"
ZH["by project"] = "项目核算"
ZH["foreign currency"] = "外币"
ZH["account"] = "科目"
ZH["accounts"] = "科目"
ZH["project"] = "项目"
ZH["projects"] = "项目"
ZH["One general voucher word (记)"] = "通用凭证字（记）"
ZH["Receipt / payment / transfer (收 / 付 / 转)"] = "收款 / 付款 / 转账（收 / 付 / 转）"
ZH["One voucher per stock move"] = "每笔出入库生成一张凭证"
ZH["One voucher per day"] = "每天汇总生成一张凭证"
ZH["No stock vouchers"] = "不生成存货凭证"
ZH["voucher words"] = "凭证字"
ZH["reviewer must not be the preparer"] = "审核人不得为制单人"
ZH["Only a company administrator may switch this off; the change is logged."] = (
    "仅公司管理员可关闭此项，修改会被记录。"
)
ZH["stock valuation vouchers"] = "存货核算凭证"
ZH["stock account"] = "存货科目"
ZH["goods received not invoiced"] = "在途物资（暂估）科目"
ZH["cost of sales account"] = "销售成本科目"
ZH["stock gains and losses account"] = "盘盈盘亏科目"
ZH["production cost account"] = "生产成本科目"
ZH["current year profit account"] = "本年利润科目"
ZH["retained earnings account"] = "未分配利润科目"
ZH["accounting settings"] = "财务设置"
ZH["year"] = "年度"
ZH["month"] = "月份"
ZH["closed at"] = "结账时间"
ZH["accounting period"] = "会计期间"
ZH["accounting periods"] = "会计期间"
ZH["Normal"] = "普通"
ZH["Red reversal"] = "红字冲销"
ZH["Profit and loss carried forward"] = "结转损益"
ZH["Stock valuation"] = "存货核算"
ZH["voucher word"] = "凭证字"
ZH["attached documents"] = "附单据数"
ZH["red voucher"] = "红字凭证"
ZH["reverses"] = "冲销凭证"
ZH["debit total"] = "借方合计"
ZH["credit total"] = "贷方合计"
ZH["prepared by"] = "制单人"
ZH["reviewed by"] = "审核人"
ZH["reviewed at"] = "审核时间"
ZH["posted by"] = "过账人"
ZH["posted at"] = "过账时间"
ZH["voucher"] = "凭证"
ZH["vouchers"] = "凭证"
ZH["line"] = "行号"
ZH["debit"] = "借方金额"
ZH["credit"] = "贷方金额"
ZH["amount in currency"] = "原币金额"
ZH["cash-flow item"] = "现金流量项目"
ZH["voucher line"] = "凭证分录"
ZH["voucher lines"] = "凭证分录"
ZH["lines"] = "分录"
ZH["voucher template"] = "常用凭证"
ZH["voucher templates"] = "常用凭证"
ZH["Accounting voucher"] = "记账凭证"
ZH["An account code is made of digits (and dots), e.g. 1122.01 or 112201."] = (
    "科目编码由数字（和点）组成，例如 1122.01 或 112201。"
)
ZH["A sub-account's code starts with its parent's code %(code)s."] = (
    "下级科目编码须以上级科目编码 %(code)s 开头。"
)
ZH["Choose a valid category."] = "请选择有效的类别。"
ZH["Account %(code)s already exists."] = "科目 %(code)s 已存在。"
ZH["Account %(code)s does not exist."] = "科目 %(code)s 不存在。"
ZH["Period %(period)s is closed: nothing can be entered or posted in it."] = (
    "期间 %(period)s 已结账，不能再录入或过账。"
)
ZH["Amounts have at most two decimal places."] = "金额最多两位小数。"
ZH["A voucher has at least two lines."] = "凭证至少需要两条分录。"
ZH["Write a summary (摘要) for every line."] = "每条分录都需要填写摘要。"
ZH["Choose an account."] = "请选择科目。"
ZH["%(account)s has sub-accounts: post to one of them."] = "%(account)s 有下级科目，请选择末级科目。"
ZH["%(account)s is inactive."] = "%(account)s 已停用。"
ZH["A line has a debit or a credit, not both."] = "一条分录只能填借方或贷方，不能同时填写。"
ZH["Enter a debit or a credit amount."] = "请填写借方或贷方金额。"
ZH["Negative amounts are only allowed on red vouchers."] = "只有红字凭证可以填写负数金额。"
ZH["%(account)s is kept by %(dim)s: choose one."] = "%(account)s 按%(dim)s核算，请选择。"
ZH["Enter the exchange rate."] = "请填写汇率。"
ZH["Debits (%(debit)s) and credits (%(credit)s) are not equal: the difference is %(diff)s."] = (
    "借方合计（%(debit)s）与贷方合计（%(credit)s）不相等，差额 %(diff)s。"
)
ZH["Choose one of the voucher words %(words)s."] = "请选择凭证字 %(words)s 之一。"
ZH["A receipt voucher (收) debits cash or bank."] = "收款凭证（收）须借记库存现金或银行存款。"
ZH["A payment voucher (付) credits cash or bank."] = "付款凭证（付）须贷记库存现金或银行存款。"
ZH["A transfer voucher (转) has no cash or bank line; use 收 or 付."] = (
    "转账凭证（转）不能有现金或银行分录，请使用收或付。"
)
ZH["Enter a valid date."] = "请输入有效的日期。"
ZH["%(source)s is already booked."] = "%(source)s 已经入账。"
ZH["Voucher %(number)s is %(state)s."] = "凭证 %(number)s 状态为%(state)s。"
ZH[
    "Later vouchers of %(period)s are already reviewed or posted, so the numbers cannot close up: edit this voucher instead of deleting it."
] = "%(period)s 后面的凭证已审核或记账，凭证号无法前移：请修改这张凭证，不要删除。"
ZH["You may not review vouchers."] = "您没有审核凭证的权限。"
ZH["The preparer of a voucher cannot review it: ask another accountant."] = (
    "制单人不能审核自己的凭证，请其他会计审核。"
)
ZH["The reviewer must not be the preparer."] = "审核人不能是制单人。"
ZH["Only the reviewer can cancel the review."] = "只有审核人可以取消审核。"
ZH["You may not post vouchers."] = "您没有过账的权限。"
ZH["Voucher %(number)s is already reversed."] = "凭证 %(number)s 已被冲销。"
ZH["Reverses %(date)s voucher %(number)s"] = "注销 %(date)s %(number)s 号凭证"
ZH["Choose debit or credit."] = "请选择借方或贷方。"
ZH["A period of %(year)s is closed: opening balances can no longer change."] = (
    "%(year)s 年已有期间结账，期初余额不能再修改。"
)
ZH["Vouchers of %(year)s are posted: enter corrections as vouchers."] = (
    "%(year)s 年已有凭证过账，请用凭证调整。"
)
ZH["Reviewed"] = "已审核"
ZH["Closed"] = "已结账"
ZH["Month"] = "月份"
ZH["Assets = liabilities + equity"] = "资产 = 负债 + 所有者权益"
ZH["Assets and liabilities + equity differ"] = "资产与负债和所有者权益合计不等"
ZH["Company"] = "编制单位"
ZH["Unit: yuan"] = "单位：元"
ZH["Item"] = "项目"
ZH["Line"] = "行次"
ZH["Add a sub-account"] = "新增下级科目"
ZH["Parent account"] = "上级科目"
ZH["Kept by"] = "辅助核算"
ZH["Employee"] = "职员"
ZH["Project"] = "项目"
ZH["When the parent already has entries, they move to its first sub-account."] = (
    "上级科目已有数据时，数据将转入第一个下级科目。"
)
ZH["Balance side"] = "余额方向"
ZH["Account code"] = "科目编码"
ZH["Include unposted vouchers"] = "包含未过账凭证"
ZH["balance side"] = "余额方向"
ZH["Balance"] = "余额"
ZH["Opening balance"] = "期初余额"
ZH["Period total"] = "本期合计"
ZH["Choose an account to see its entries with the running balance."] = "选择科目，查看其分录和逐笔余额。"
ZH["Accounting periods"] = "会计期间"
ZH["Period"] = "期间"
ZH["Closed by"] = "结账人"
ZH["draft"] = "草稿"
ZH["reviewed"] = "已审核"
ZH["posted"] = "已过账"
ZH["Carry profit and loss forward and close this period?"] = "结转损益并结账？"
ZH["Close period"] = "结账"
ZH["Reason for reopening"] = "反结账原因"
ZH["Reopen"] = "反结账"
ZH["Periods appear when the first voucher of a month is entered."] = (
    "录入某月的第一张凭证后，该期间即出现在这里。"
)
ZH["Print"] = "打印"
ZH["Level"] = "级次"
ZH["All levels"] = "全部级次"
ZH["Level %(n)s"] = "%(n)s 级"
ZH["Balanced"] = "借贷平衡"
ZH["Not balanced"] = "借贷不平衡"
ZH["Period turnover"] = "本期发生额"
ZH["Closing balance"] = "期末余额"
ZH["No posted entries in these periods."] = "这些期间没有已过账的分录。"
ZH["Voucher"] = "凭证"
ZH["Red"] = "红字"
ZH["Reverses"] = "冲销"
ZH["Reversed by"] = "被冲销于"
ZH["Create the red reversal of this voucher?"] = "生成这张凭证的红字冲销凭证？"
ZH["Delete this draft voucher?"] = "删除这张草稿凭证？"
ZH["Delete"] = "删除"
ZH["Cancel review"] = "取消审核"
ZH["Review"] = "审核"
ZH["Post"] = "过账"
ZH["Prepared by"] = "制单人"
ZH["Reviewed by"] = "审核人"
ZH["Posted by"] = "过账人"
ZH["Edit voucher"] = "修改凭证"
ZH["New voucher"] = "新增凭证"
ZH["Voucher word"] = "凭证字"
ZH["Attached documents"] = "附单据数"
ZH["Template"] = "模板"
ZH["Use a template"] = "使用常用凭证"
ZH["Add line"] = "增加分录"
ZH["Enter moves to the next cell; = in an amount fills the balancing amount; Ctrl+S saves."] = (
    "回车跳到下一格；在金额栏按 = 自动填入平衡差额；Ctrl+S 保存。"
)
ZH["Save and new"] = "保存并新增"
ZH["Post every reviewed voucher of this period?"] = "将本期间所有已审核凭证过账？"
ZH["Post reviewed vouchers"] = "已审核凭证过账"
ZH["Summary, account code or amount"] = "摘要、科目编码或金额"
ZH["Only draft vouchers can be edited."] = "只有草稿凭证可以修改。"
ZH["Voucher %(number)s saved."] = "凭证 %(number)s 已保存。"
ZH["Voucher deleted; the numbers after it moved up."] = "凭证已删除，其后的凭证号已前移。"
ZH["Voucher %(number)s created."] = "已生成凭证 %(number)s。"
ZH["%(n)s vouchers posted."] = "已过账 %(n)s 张凭证。"
ZH["Opening debit"] = "期初借方"
ZH["Opening credit"] = "期初贷方"
ZH["Closing debit"] = "期末借方"
ZH["Closing credit"] = "期末贷方"
ZH["Balance at start of year"] = "年初余额"
ZH["This month"] = "本月金额"
ZH["Year to date"] = "本年累计金额"
ZH["Period %(period)s closed."] = "期间 %(period)s 已结账。"
ZH["Period %(period)s reopened."] = "期间 %(period)s 已反结账。"
ZH["Account %(account)s added."] = "已新增科目 %(account)s。"

ZH["GL account"] = "科目"
ZH["Vouchers to review"] = "待审核凭证"
ZH["drafts prepared by others"] = "他人制单的草稿凭证"
ZH["Invoices"] = "发票"
ZH["Receipts and payments"] = "收付款"
ZH["Aging"] = "账龄分析"
ZH["Partner statement"] = "往来对账单"
ZH["Cash-flow statement"] = "现金流量表"
ZH["You may not reconcile bank accounts."] = "您无权进行银行对账。"
ZH["A bank account with this name exists."] = "已有同名银行账户。"
ZH["Choose a leaf account under 1001, 1002 or 1012."] = "请选择 1001、1002 或 1012 下的末级科目。"
ZH["The file is neither UTF-8 nor GBK text."] = "文件既不是 UTF-8 也不是 GBK 编码的文本。"
ZH["No header row with a date column (日期/交易日期/date)."] = "找不到含日期列（日期/交易日期）的表头行。"
ZH["No amount column (金额, or 收入 and 支出)."] = "找不到金额列（金额，或收入与支出）。"
ZH["Row %(n)s: the date is not a date."] = "第 %(n)s 行：日期无法识别。"
ZH["Row %(n)s: enter an amount."] = "第 %(n)s 行：请填写金额。"
ZH["The statement has rows that cannot be read."] = "对账单中有无法读取的行。"
ZH["That line is not on the bank account's GL account."] = "该分录不在此银行账户对应的科目上。"
ZH["The amounts differ."] = "金额不一致。"
ZH["One of the two lines is already matched."] = "两行中有一行已经勾对。"
ZH["Enter a positive exchange rate."] = "请输入大于零的汇率。"
ZH["Choose customer invoice or supplier bill."] = "请选择销售发票或采购发票。"
ZH["Choose a partner of this company."] = "请选择本公司的往来单位。"
ZH["Choose a fapiao type."] = "请选择发票类型。"
ZH["A credit note credits a posted invoice of the same type."] = "红字发票只能冲减同类型的已过账发票。"
ZH["The credited invoice belongs to another partner."] = "被冲减的发票属于其他往来单位。"
ZH["The credited invoice is in another currency."] = "被冲减的发票币种不同。"
ZH["An invoice has at least one line."] = "发票至少要有一行。"
ZH["Enter a quantity above zero."] = "数量必须大于零。"
ZH["The unit price must not be negative."] = "单价不能为负数。"
ZH["A discount is between 0 and 100%."] = "折扣须在 0 到 100% 之间。"
ZH["Enter the VAT rate as a fraction, e.g. 0.13."] = "税率请填小数，如 0.13。"
ZH["Describe the line or choose a product."] = "请填写摘要或选择商品。"
ZH["Fapiao %(number)s is already booked on %(invoice)s."] = "发票号 %(number)s 已登记在 %(invoice)s 上。"
ZH["a draft"] = "一张草稿"
ZH["The due date is before the invoice date."] = "到期日早于开票日期。"
ZH["You may not do this with invoices."] = "您无权对发票执行此操作。"
ZH["Invoice %(number)s is posted: issue a credit note instead."] = "发票 %(number)s 已过账：请开具红字发票。"
ZH["Invoice %(number)s %(partner)s"] = "销售发票 %(number)s %(partner)s"
ZH["Bill %(number)s %(partner)s"] = "采购发票 %(number)s %(partner)s"
ZH["Credit note %(number)s %(partner)s"] = "红字发票 %(number)s %(partner)s"
ZH["Invoice %(number)s is already posted."] = "发票 %(number)s 已过账。"
ZH["An invoice has at least one line with an amount."] = "发票至少要有一行金额。"
ZH["Credit notes would exceed the %(total)s of invoice %(number)s."] = (
    "红字金额将超过发票 %(number)s 的价税合计 %(total)s。"
)
ZH["General VAT taxpayer"] = "一般纳税人"
ZH["Small-scale VAT taxpayer"] = "小规模纳税人"
ZH["VAT taxpayer type"] = "纳税人类型"
ZH["receivables account"] = "应收账款科目"
ZH["payables account"] = "应付账款科目"
ZH["advances from customers account"] = "预收账款科目"
ZH["advances to suppliers account"] = "预付账款科目"
ZH["default revenue account"] = "默认收入科目"
ZH["output VAT account"] = "销项税额科目"
ZH["input VAT account"] = "进项税额科目"
ZH["exchange differences account"] = "汇兑损益科目"
ZH["small differences account"] = "尾差核销科目"
ZH["small difference limit"] = "尾差核销限额"
ZH["Open amounts up to this limit may be written off when a payment is allocated."] = (
    "核销收付款时，未清金额不超过此限额可直接核销。"
)
ZH["Invoice"] = "发票"
ZH["Receipt or payment"] = "收付款"
ZH["Exchange revaluation"] = "期末调汇"
ZH["VAT special invoice (专票)"] = "增值税专用发票（专票）"
ZH["VAT ordinary invoice (普票)"] = "增值税普通发票（普票）"
ZH["Digital special invoice (数电专票)"] = "数电专票"
ZH["Digital ordinary invoice (数电普票)"] = "数电普票"
ZH["No fapiao"] = "无发票"
ZH["Customer invoice"] = "销售发票"
ZH["Supplier bill"] = "采购发票"
ZH["credit note (红字)"] = "红字发票"
ZH["credits invoice"] = "冲减发票"
ZH["carrying rate"] = "账面汇率"
ZH["prices include VAT (含税)"] = "价格含税"
ZH["fapiao type"] = "发票类型"
ZH["fapiao code"] = "发票代码"
ZH["fapiao number"] = "发票号码"
ZH["fapiao date"] = "开票日期"
ZH["amount excl. VAT"] = "不含税金额"
ZH["VAT"] = "税额"
ZH["total"] = "价税合计"
ZH["total (company currency)"] = "价税合计（本位币）"
ZH["open amount"] = "未清金额"
ZH["open amount (company currency)"] = "未清金额（本位币）"
ZH["invoice"] = "发票"
ZH["invoices"] = "发票"
ZH["unit price"] = "单价"
ZH["discount %"] = "折扣 %"
ZH["invoice line"] = "发票行"
ZH["invoice lines"] = "发票行"
ZH["Payment"] = "付款"
ZH["amount"] = "金额"
ZH["amount (company currency)"] = "金额（本位币）"
ZH["unallocated"] = "未核销"
ZH["unallocated (company currency)"] = "未核销（本位币）"
ZH["allocation plan"] = "核销计划"
ZH["payment"] = "收付款单"
ZH["payments"] = "收付款单"
ZH["written off"] = "核销尾差"
ZH["exchange difference"] = "汇兑差额"
ZH["counterparty"] = "对方户名"
ZH["balance"] = "余额"
ZH["bank statement line"] = "银行流水"
ZH["bank statement lines"] = "银行流水"
ZH["Choose an invoice of this partner."] = "请选择该往来单位的发票。"
ZH["Invoice %(number)s is not posted."] = "发票 %(number)s 尚未过账。"
ZH["%(number)s is settled by a payment in the other direction."] = "%(number)s 需要用反方向的收付款核销。"
ZH["%(number)s is in %(currency)s: allocate a payment in the same currency."] = (
    "%(number)s 的币种是 %(currency)s：请用同币种的收付款核销。"
)
ZH["%(rest)s left on %(number)s is more than the small-difference limit %(limit)s."] = (
    "%(number)s 剩余 %(rest)s，超过尾差核销限额 %(limit)s。"
)
ZH["Choose receipt or payment."] = "请选择收款或付款。"
ZH["Choose an active bank account of this company."] = "请选择本公司的有效银行账户。"
ZH["Enter an amount above zero."] = "金额必须大于零。"
ZH["Choose an invoice."] = "请选择发票。"
ZH["Allocating %(amount)s is more than the open %(open)s of %(number)s."] = (
    "核销 %(amount)s 超过了 %(number)s 的未清金额 %(open)s。"
)
ZH["The allocations (%(total)s) exceed the amount %(amount)s."] = (
    "核销合计（%(total)s）超过了收付款金额 %(amount)s。"
)
ZH["%(number)s is posted and cannot be deleted."] = "%(number)s 已过账，不能删除。"
ZH["%(number)s is already posted."] = "%(number)s 已过账。"
ZH["Receipt %(number)s %(partner)s"] = "收款 %(number)s %(partner)s"
ZH["Payment %(number)s %(partner)s"] = "付款 %(number)s %(partner)s"
ZH["Small difference written off %(number)s"] = "核销尾差 %(number)s"
ZH["%(label)s prepayment"] = "%(label)s 预收/预付"
ZH["Exchange difference %(number)s"] = "汇兑损益 %(number)s"
ZH["Post the payment first."] = "请先过账该收付款。"
ZH["Only %(open)s of %(number)s is unallocated."] = "%(number)s 仅剩 %(open)s 未核销。"
ZH["Prepayment %(payment)s allocated to %(number)s"] = "预收/预付 %(payment)s 核销 %(number)s"
ZH["Choose a posted credit note."] = "请选择已过账的红字发票。"
ZH["Choose a posted invoice of the same partner, type and currency."] = (
    "请选择同一往来单位、同类型、同币种的已过账发票。"
)
ZH["Only %(open)s of the credit note is open."] = "该红字发票仅剩 %(open)s 未核销。"
ZH["%(year)s-%(month)02d is already revalued."] = "%(year)s-%(month)02d 已经调汇。"
ZH["Exchange revaluation %(year)s-%(month)02d"] = "期末调汇 %(year)s-%(month)02d"
ZH["Voucher %(number)s is generated by %(source)s: change that document (or credit it) instead."] = (
    "凭证 %(number)s 由 %(source)s 生成：请修改该单据（或开红字）。"
)
ZH["Receivables aging"] = "应收账龄分析"
ZH["Payables aging"] = "应付账龄分析"
ZH["Receivables"] = "应收"
ZH["Payables"] = "应付"
ZH["On"] = "截至"
ZH["Days past the due date; amounts in the company currency."] = "按超过到期日的天数；金额为本位币。"
ZH["Advances received"] = "预收款"
ZH["Advances paid"] = "预付款"
ZH["Net"] = "净额"
ZH["Open items"] = "未清单据"
ZH["Statement"] = "对账单"
ZH["Nothing is open."] = "没有未清的单据。"
ZH["Statement file"] = "对账单文件"
ZH["Import statement"] = "导入对账单"
ZH["Match automatically"] = "自动勾对"
ZH[
    "Statement files: CSV (UTF-8 or GBK) or Excel with a header row naming 交易日期, 摘要, 对方户名, 收入金额/支出金额 (or 金额), 余额, 流水号."
] = "对账单文件：CSV（UTF-8 或 GBK）或 Excel，表头包含 交易日期、摘要、对方户名、收入金额/支出金额（或 金额）、余额、流水号。"
ZH["Reconciliation on"] = "调节日期"
ZH["Reconciled"] = "已调平"
ZH["Does not reconcile"] = "未调平"
ZH["Bank reconciliation statement"] = "银行存款余额调节表"
ZH["Balance per books"] = "企业银行存款日记账余额"
ZH["Add: received by the bank, not yet by the company"] = "加：银行已收、企业未收"
ZH["Less: paid by the bank, not yet by the company"] = "减：银行已付、企业未付"
ZH["Adjusted balance"] = "调节后余额"
ZH["Balance per bank statement"] = "银行对账单余额"
ZH["Add: received by the company, not yet by the bank"] = "加：企业已收、银行未收"
ZH["Less: paid by the company, not yet by the bank"] = "减：企业已付、银行未付"
ZH["Unmatched statement lines"] = "未勾对的银行流水"
ZH["Counterparty"] = "对方户名"
ZH["Suggestions"] = "建议匹配"
ZH["No voucher line with this amount within a week."] = "一周内没有同金额的凭证分录。"
ZH["Every imported line is matched."] = "导入的流水已全部勾对。"
ZH["Matched"] = "已勾对"
ZH["Unmatch"] = "取消勾对"
ZH["Currency"] = "币种"
ZH["inactive"] = "停用"
ZH["Reconcile"] = "对账"
ZH["No bank accounts yet."] = "还没有银行账户。"
ZH["Add a bank account"] = "新增银行账户"
ZH[
    "Direct method: cash lines count under their cash-flow item, or under the item of their contra account when they have none; transfers between cash accounts are not flows."
] = "直接法：现金类分录按其现金流量项目归集，未指定项目的按对方科目归类；现金与银行之间的划转不计入现金流量。"
ZH["Credit note"] = "红字发票"
ZH["Overdue"] = "已逾期"
ZH["Credits"] = "冲减"
ZH["Delete this draft?"] = "删除这张草稿？"
ZH["Register receipt"] = "登记收款"
ZH["Register payment"] = "登记付款"
ZH["Unit price"] = "单价"
ZH["Discount %%"] = "折扣 %%"
ZH["Excl. VAT"] = "不含税金额"
ZH["prices include VAT"] = "价格含税"
ZH["Exchange rate"] = "汇率"
ZH["Carrying rate"] = "账面汇率"
ZH["Open amount"] = "未清金额"
ZH["Settled by"] = "核销记录"
ZH["Written off"] = "核销尾差"
ZH["Exchange difference"] = "汇兑差额"
ZH["Settles"] = "核销"
ZH["Settle an open invoice with this credit note"] = "用此红字发票核销未清发票"
ZH["Settle"] = "核销"
ZH["Edit draft"] = "编辑草稿"
ZH["Credit note for %(number)s"] = "%(number)s 的红字发票"
ZH["Invoice date"] = "开票日期"
ZH["Empty: from the partner's payment term."] = "留空：按往来单位的付款条件计算。"
ZH["Rate"] = "汇率"
ZH["Fapiao type"] = "发票类型"
ZH["Fapiao number"] = "发票号码"
ZH["Fapiao code"] = "发票代码"
ZH["Prices include VAT (含税)"] = "价格含税"
ZH["Add a line"] = "添加一行"
ZH["Save and post"] = "保存并过账"
ZH["Choose a partner"] = "选择往来单位"
ZH["Positive balance: the partner owes us."] = "余额为正：对方欠我方。"
ZH["Period total and closing balance"] = "本期合计及期末余额"
ZH["Confirmed by (stamp)"] = "对方确认（盖章）"
ZH["Choose a partner to see their statement."] = "请选择往来单位查看对账单。"
ZH["Unallocated"] = "未核销"
ZH["advance from the customer"] = "预收客户款"
ZH["advance to the supplier"] = "预付供应商款"
ZH["Cash-flow item"] = "现金流量项目"
ZH["Planned allocations"] = "计划核销"
ZH["write off the rest"] = "核销尾差"
ZH["Allocations"] = "核销明细"
ZH["Nothing allocated yet."] = "尚未核销。"
ZH["Allocate the prepayment to"] = "将预收/预付核销到"
ZH["Write off the rest"] = "核销尾差"
ZH["Allocate"] = "核销"
ZH["Bank account"] = "银行账户"
ZH["Bank transaction number"] = "银行流水号"
ZH["Allocate to open items"] = "核销未清单据"
ZH["Write off the rest (≤ %(limit)s)"] = "核销尾差（≤ %(limit)s）"
ZH["This partner has no open items: the whole amount stays as a prepayment."] = (
    "该往来单位没有未清单据：全部金额记为预收/预付。"
)
ZH["Choose a partner to see their open items."] = "选择往来单位后显示其未清单据。"
ZH["What is not allocated stays open as a prepayment (预收/预付) and can be allocated later."] = (
    "未核销的金额作为预收/预付款挂账，可稍后核销。"
)
ZH["New customer invoice"] = "新建销售发票"
ZH["New supplier bill"] = "新建采购发票"
ZH["Open items only"] = "仅未清"
ZH["Customer invoices"] = "销售发票"
ZH["Supplier bills"] = "采购发票"
ZH["Number, partner, fapiao or reference"] = "单号、往来单位、发票号或参考号"
ZH["Only draft invoices can be edited."] = "只有草稿发票可以编辑。"
ZH["%(number)s posted; its voucher waits for review."] = "%(number)s 已过账，生成的凭证等待审核。"
ZH["Draft deleted."] = "草稿已删除。"
ZH["New receipt"] = "新建收款"
ZH["New payment"] = "新建付款"
ZH["Number, partner or reference"] = "单号、往来单位或参考号"
ZH["Bank account %(name)s added."] = "已新增银行账户 %(name)s。"
ZH["%(created)s lines imported, %(skipped)s already there, %(matched)s matched."] = (
    "导入 %(created)s 行，%(skipped)s 行已存在，自动勾对 %(matched)s 行。"
)
ZH["Received by the bank, not yet by the company"] = "银行已收、企业未收"
ZH["Paid by the bank, not yet by the company"] = "银行已付、企业未付"
ZH["Adjusted balance per books"] = "调节后企业余额"
ZH["Received by the company, not yet by the bank"] = "企业已收、银行未收"
ZH["Paid by the company, not yet by the bank"] = "企业已付、银行未付"
ZH["Adjusted balance per bank"] = "调节后银行余额"
ZH["%(n)s lines matched."] = "已勾对 %(n)s 行。"
ZH["Choose a voucher line."] = "请选择凭证分录。"
ZH["That statement line does not exist."] = "该银行流水不存在。"
ZH["Not due"] = "未到期"
ZH["1–30 days"] = "1–30 天"
ZH["31–60 days"] = "31–60 天"
ZH["61–90 days"] = "61–90 天"
ZH["Over 90 days"] = "90 天以上"
ZH["Reference no."] = "参考号"
ZH["Incoming payment"] = "收款"
ZH["Outgoing payment"] = "付款"
ZH["reconcile from"] = "对账启用日期"
ZH["Book lines before this date count as cleared; the statement starts here."] = (
    "此日期之前的账面分录视为已达；银行对账单从此日开始。"
)
ZH["statement balance at the start"] = "银行期初余额"
ZH["The bank's balance on the day before."] = "启用日期前一天的银行余额。"
ZH["Reconciliation start"] = "对账启用"
ZH["bank balance the day before"] = "前一日银行余额"
ZH["not set: every book line since the first counts"] = "未设置：从第一笔账面分录起全部参与对账"
ZH["Reconcile from"] = "启用日期"
ZH["Bank balance the day before"] = "前一日银行余额"
ZH["Accounting supervisor"] = "会计主管"
ZH["Cashier"] = "出纳"
ZH["%(n)s attached documents"] = "附单据 %(n)s 张"
ZH["Revalue open foreign-currency invoices and bank accounts at the month-end rate?"] = (
    "按月末汇率重估未清外币发票和外币银行账户？"
)
ZH["Nothing in foreign currency to revalue."] = "没有需要调汇的外币项目。"
ZH["General ledger"] = "总账"
ZH["Journal"] = "序时账"
ZH["Opening balance of the year"] = "年初余额"
ZH["Month total"] = "本月合计"
ZH["Choose an account to see its months."] = "请选择科目查看各月合计。"
ZH["No posted vouchers in these months."] = "这些月份没有已过账凭证。"
ZH["Bill total"] = "发票金额"
ZH["Order"] = "订单"
ZH["Ordered"] = "订购数量"
ZH["Received"] = "已收货"
ZH["Billed"] = "已开票"
ZH["Order price"] = "订单价"
ZH["Bill price"] = "发票价"
ZH["Purchase order %(number)s"] = "采购订单 %(number)s"
ZH["%(supplier)s, %(total)s"] = "%(supplier)s，%(total)s"
ZH["Purchase order"] = "采购订单"
ZH["Bill differs from its order: %(supplier)s"] = "采购发票与订单不符：%(supplier)s"
ZH["Three-way match exception"] = "三单匹配差异"
ZH["Purchasing"] = "采购"
ZH["Purchase orders"] = "采购订单"
ZH["orders above this total need approval"] = "超过此金额的订单需审批"
ZH["price tolerance (%)"] = "价格容差（%）"
ZH["quantity tolerance (%)"] = "数量容差（%）"
ZH["purchasing settings"] = "采购设置"
ZH["approval"] = "审批"
ZH["buyer"] = "采购员"
ZH["order date"] = "订单日期"
ZH["expected date"] = "预计到货日期"
ZH["supplier reference"] = "供应商单号"
ZH["confirmed at"] = "确认时间"
ZH["confirmed by"] = "确认人"
ZH["purchase order"] = "采购订单"
ZH["purchase orders"] = "采购订单"
ZH["received"] = "已收货"
ZH["purchase order line"] = "采购订单行"
ZH["purchase order lines"] = "采购订单行"
ZH["bill"] = "采购发票"
ZH["differences"] = "差异"
ZH["three-way match"] = "三单匹配"
ZH["three-way matches"] = "三单匹配"
ZH["You may not do this with purchase orders."] = "您无权对采购订单执行此操作。"
ZH["Order %(number)s is %(state)s."] = "订单 %(number)s 当前为%(state)s。"
ZH["Choose a product of this company."] = "请选择本公司的商品。"
ZH["Choose a supplier of this company."] = "请选择本公司的供应商。"
ZH["Choose a warehouse of this company."] = "请选择本公司的仓库。"
ZH["Order %(number)s is awaiting approval."] = "订单 %(number)s 正在审批中。"
ZH["Part of %(number)s is received or billed: return or credit it instead."] = (
    "%(number)s 已部分收货或开票：请改为退货或开红字。"
)
ZH["Choose at least one order."] = "请至少选择一张订单。"
ZH["Bill the orders of one supplier at a time."] = "一次只能为同一供应商的订单开票。"
ZH["Nothing to bill: no received quantity is left to bill."] = "没有可开票的数量：收货数量已全部开票。"
ZH["billed %(billed)s, received %(received)s"] = "开票 %(billed)s，收货 %(received)s"
ZH["net price %(bill)s, ordered at %(po)s"] = "不含税单价 %(bill)s，订单价 %(po)s"
ZH["Bill differs from its orders and receipts (%(issues)s): it needs the three-way-match approval."] = (
    "采购发票与订单、收货不符（%(issues)s）：需通过三单匹配审批。"
)
ZH["The three-way match of this bill is awaiting approval."] = "此发票的三单匹配正在审批中。"
ZH["Not needed"] = "无需审批"
ZH["Awaiting approval"] = "待审批"
ZH["Expected date"] = "预计到货日期"
ZH["Buyer"] = "采购员"
ZH["Cancel this order?"] = "取消这张订单？"
ZH["Confirm order"] = "确认订单"
ZH["Billed price"] = "发票单价"
ZH["Bill received quantities"] = "按收货数量开票"
ZH["Receipts and bills"] = "收货与发票"
ZH["No receipt yet: confirming the order creates it."] = "还没有入库单：确认订单后自动生成。"
ZH["Three-way match"] = "三单匹配"
ZH["Post (three-way match)"] = "过账（三单匹配）"
ZH["New purchase order"] = "新建采购订单"
ZH["Number, supplier or reference"] = "单号、供应商或参考号"
ZH["Only draft orders can be edited."] = "只有草稿订单可以编辑。"
ZH["%(number)s saved."] = "%(number)s 已保存。"
ZH["Edit %(number)s"] = "编辑 %(number)s"
ZH["%(number)s confirmed; the receipt is expected in the warehouse."] = "%(number)s 已确认，仓库等待收货。"
ZH["%(number)s is above the approval amount and waits for approval."] = "%(number)s 超过审批金额，等待审批。"
ZH["%(number)s cancelled."] = "%(number)s 已取消。"
ZH["Draft bill created: check it against the supplier's fapiao, then post it."] = (
    "已生成采购发票草稿：请与供应商发票核对后过账。"
)
ZH["The bill differs from the order or the receipts; it waits for approval."] = (
    "发票与订单或收货不符，等待审批。"
)
ZH["%(number)s posted."] = "%(number)s 已过账。"
ZH["Why"] = "原因"
ZH["Discount %"] = "折扣 %"
ZH["Sales order %(number)s"] = "销售订单 %(number)s"
ZH["%(customer)s, %(total)s"] = "%(customer)s，%(total)s"
ZH["Sales order (discount or credit)"] = "销售订单（折扣或信用）"
ZH["Highest discount %"] = "最高折扣 %"
ZH["Sales"] = "销售"
ZH["Quotations and orders"] = "报价与订单"
ZH["Sales order confirmed"] = "销售订单已确认"
ZH["discount allowed without approval (%)"] = "免审批折扣上限（%）"
ZH["credit control"] = "信用控制"
ZH["sales settings"] = "销售设置"
ZH["approval reason"] = "审批原因"
ZH["salesperson"] = "销售员"
ZH["valid until"] = "有效期至"
ZH["customer reference"] = "客户单号"
ZH["sales order"] = "销售订单"
ZH["sales orders"] = "销售订单"
ZH["requested date"] = "要求交货日期"
ZH["delivered"] = "已发货"
ZH["sales order line"] = "销售订单行"
ZH["sales order lines"] = "销售订单行"
ZH["You may not do this with sales orders."] = "您无权对销售订单执行此操作。"
ZH["Choose a customer of this company."] = "请选择本公司的客户。"
ZH["Discount %(discount)s%% is above the %(limit)s%% allowed."] = (
    "折扣 %(discount)s%% 超过允许的 %(limit)s%%。"
)
ZH[
    "Open receivables and orders %(exposure)s plus this order %(total)s exceed the credit limit %(limit)s."
] = "未收款与未开票订单 %(exposure)s 加本单 %(total)s 超过信用额度 %(limit)s。"
ZH["Part of %(number)s is delivered or invoiced: return or credit it instead."] = (
    "%(number)s 已部分发货或开票：请改为退货或开红字。"
)
ZH["Invoice the orders of one customer at a time."] = "一次只能为同一客户的订单开票。"
ZH["The orders mix prices with and without VAT."] = "订单中含税价与不含税价混用。"
ZH["Nothing to invoice: no delivered quantity is left to invoice."] = "没有可开票的数量：发货数量已全部开票。"
ZH["Only confirmed orders take returns."] = "只有已确认的订单可以退货。"
ZH["Choose a line of this order."] = "请选择本订单的行。"
ZH["At most %(n)s can be returned."] = "最多可退 %(n)s。"
ZH["Only confirmed orders can be credited."] = "只有已确认的订单可以开红字。"
ZH["Nothing to credit: no returned quantity is invoiced."] = "没有可开红字的数量：退货数量尚未开票。"
ZH["Quotation"] = "报价单"
ZH["Quotation sent"] = "报价已发送"
ZH["Sales order"] = "销售订单"
ZH["Valid until"] = "有效期至"
ZH["Salesperson"] = "销售员"
ZH["Mark as sent"] = "标记为已发送"
ZH["Invoice delivered quantities"] = "按发货数量开票"
ZH["Credit returned goods"] = "退货开红字"
ZH["Delivered"] = "已发货"
ZH["Invoiced"] = "已开票"
ZH["Requested date"] = "要求交货日期"
ZH["Deliveries and invoices"] = "发货与发票"
ZH["No delivery yet: confirming the order creates it."] = "还没有出库单：确认订单后自动生成。"
ZH["New quotation"] = "新建报价单"
ZH["Number, customer or reference"] = "单号、客户或参考号"
ZH["Only quotations can be edited."] = "只有报价单可以编辑。"
ZH["%(number)s confirmed; the delivery is ready for the warehouse."] = "%(number)s 已确认，出库单已交仓库。"
ZH["%(number)s needs approval: %(reason)s"] = "%(number)s 需要审批：%(reason)s"
ZH["Invoice created."] = "发票已生成。"
ZH["Return %(numbers)s created for the warehouse."] = "已生成退货单 %(numbers)s，等待仓库收货。"
ZH["Credit note %(numbers)s posted."] = "红字发票 %(numbers)s 已过账。"
ZH["Order date"] = "订单日期"
ZH["Save and confirm"] = "保存并确认"
ZH["Available"] = "可用"
ZH["Invoices and payments"] = "发票与收付款"
ZH["Open balance %(amount)s"] = "未清余额 %(amount)s"
ZH["No purchase orders yet."] = "还没有采购订单。"
ZH["No quotations yet."] = "还没有报价单。"
ZH["Deliver to"] = "送货至"
ZH["Sales analysis"] = "销售分析"
ZH["Group by"] = "分组"
ZH["Posted invoices of orders, credit notes deducted; cost from the stock value of the deliveries."] = (
    "按已过账的订单发票统计，扣除红字发票；成本取自出库的库存价值。"
)
ZH["Revenue excl. VAT"] = "不含税收入"
ZH["Cost of sales"] = "销售成本"
ZH["Gross margin"] = "毛利"
ZH["Margin %%"] = "毛利率 %%"
ZH["Margin %"] = "毛利率 %"
ZH["No invoiced sales in these dates."] = "这段时间没有已开票的销售。"
ZH["Delivery note"] = "出库单"
ZH["Shipped by"] = "发货人"
ZH["Received by (signature)"] = "收货人（签字）"
ZH["Leave empty for the product's cost"] = "留空则取商品成本价"
ZH["where the price comes from"] = "价格来源"
ZH["customer group"] = "客户分组"
ZH["valid from"] = "生效日期"
ZH["price list"] = "价格表"
ZH["price lists"] = "价格表"
ZH["from quantity"] = "起订数量"
ZH["price list item"] = "价格表明细"
ZH["price list items"] = "价格表明细"
ZH["Sales price of the product"] = "产品销售价"
ZH["Price list %(list)s"] = "价格表 %(list)s"
ZH[", from %(qty)s"] = "，%(qty)s 起"
ZH[", valid until %(date)s"] = "，有效期至 %(date)s"
ZH["Entered by hand"] = "手工录入"
ZH["Can ship"] = "可发货日期"
ZH["not in sight"] = "暂无货源"
ZH["Leave empty for the customer's price list"] = "留空则按客户价格表取价"
ZH["Expected receipts"] = "预计到货"
ZH["Purchase analysis"] = "采购分析"
ZH["Posted supplier bills of purchase orders, credit notes deducted."] = (
    "按已过账的采购订单发票统计，扣除红字发票。"
)
ZH["No billed purchases in these dates."] = "这段时间没有已开票的采购。"
ZH["overdue"] = "已逾期"
ZH["No receipts expected: every purchase order is received."] = "没有待到货：采购订单已全部收货。"
ZH["Order %(number)s takes no more down payments."] = "订单 %(number)s 不再收取预收款。"
ZH["Down payment for %(number)s"] = "%(number)s 的预收款"
ZH["Down payment received"] = "收到预收款"
ZH["Record down payment"] = "登记预收款"
ZH["Kept as an advance (预收账款) and deducted from the order's invoice."] = "记入预收账款，开票时自动冲抵。"
ZH["Down payment %(number)s received."] = "已登记预收款 %(number)s。"
ZH["purchase requests"] = "采购申请"
ZH["Only approved purchase requests can be ordered."] = "只有已通过的采购申请可以下单。"
ZH["This purchase request is already ordered."] = "此采购申请已下单。"
ZH["Choose at least one purchase request."] = "请至少选择一张采购申请。"
ZH["%(product)s was never bought: choose a supplier."] = "%(product)s 从未采购过：请选择供应商。"
ZH["Purchase requests to order"] = "待下单的采购申请"
ZH["Request"] = "申请"
ZH["Requested by"] = "申请人"
ZH["Items"] = "明细"
ZH["Needed by"] = "需求日期"
ZH["No approved purchase requests are waiting to be ordered."] = "没有等待下单的已通过采购申请。"
ZH["Supplier for items never bought before"] = "从未采购过的商品使用的供应商"
ZH["Create draft orders by supplier"] = "按供应商生成采购订单草稿"
ZH[
    "Each item goes to the supplier it was last bought from, at that price; items never bought go to the supplier you choose, at the request's estimated price."
] = "每个商品按最近一次采购的供应商和价格下单；从未采购过的商品按所选供应商和申请中的预估单价下单。"
ZH["Draft orders %(numbers)s created."] = "已生成采购订单草稿 %(numbers)s。"
ZH["From purchase requests"] = "从采购申请生成"
ZH["E-mail the PDF to"] = "将 PDF 发送至"
ZH["E-mail sent."] = "邮件已发送。"
ZH["E-mail is not configured: set RONGHE_EMAIL_HOST."] = "未配置邮件：请设置 RONGHE_EMAIL_HOST。"
ZH["E-mail is not configured."] = "未配置邮件。"
ZH["Enter a valid e-mail address."] = "请输入有效的电子邮箱地址。"
ZH["E-mailed “%(subject)s” to %(to)s"] = "已将“%(subject)s”发送至 %(to)s"
ZH["Moves done: %(n)s"] = "完成的库存移动：%(n)s 笔"

ZH["Supplier prices"] = "供应商价目表"
ZH["supplier's product code"] = "供应商物料编码"
ZH["unit price (incl. VAT)"] = "含税单价"
ZH["lead time (days)"] = "交货周期（天）"
ZH["supplier price"] = "供应商价格"
ZH["supplier prices"] = "供应商价格"
ZH["Enter a whole number of days, 0 or more."] = "请输入不小于 0 的整数天数。"
ZH["The end date must not be before the start date."] = "结束日期不能早于开始日期。"
ZH["RFQ sent"] = "已询价"
ZH["Request for quotation"] = "询价单"
ZH["Ask another supplier for the same products"] = "向其他供应商询价（相同物料）"
ZH["New request for quotation"] = "新建询价单"
ZH["%(number)s marked as sent to the supplier."] = "%(number)s 已标记为已发送给供应商。"
ZH["Request for quotation %(number)s created for %(supplier)s."] = "已为 %(supplier)s 创建询价单 %(number)s。"
ZH["Supplier's code"] = "供应商编码"
ZH["From quantity"] = "起订数量"
ZH["Unit price (incl. VAT)"] = "含税单价"
ZH["Lead time (days)"] = "交货周期（天）"
ZH["Valid from"] = "生效日期"
ZH["New price"] = "新建价格"
ZH["Product, supplier or supplier's code"] = "物料、供应商或供应商编码"
ZH["Deleted."] = "已删除。"
ZH["Edit supplier price"] = "编辑供应商价格"
ZH["New supplier price"] = "新建供应商价格"

ZH["At most what was moved can be returned."] = "退货数量不能超过已出入库的数量。"
ZH["Return to the supplier"] = "退回供应商"

ZH["CRM"] = "客户关系"
ZH["Possible duplicates found: check them before creating a new record."] = (
    "发现可能重复的记录：请先核对再新建。"
)
ZH["You already hold as many customers as your team allows."] = "您名下的客户已达到团队允许的上限。"
ZH["team leader"] = "组长"
ZH["members"] = "成员"
ZH["territory"] = "负责区域"
ZH["e.g. 华东, 上海市"] = "例如：华东、上海市"
ZH["back to the pool after (days without follow-up)"] = "未跟进多少天后退回公海"
ZH["customers a salesperson may hold"] = "每人可持有客户数"
ZH["sales team"] = "销售团队"
ZH["sales teams"] = "销售团队"
ZH["team"] = "团队"
ZH["order"] = "顺序"
ZH["probability (%)"] = "赢单概率（%）"
ZH["won stage"] = "赢单阶段"
ZH["pipeline stage"] = "销售阶段"
ZH["pipeline stages"] = "销售阶段"
ZH["last follow-up"] = "最近跟进"
ZH["owned since"] = "领取时间"
ZH["reason"] = "原因"
ZH["source"] = "来源"
ZH["company name"] = "公司名称"
ZH["status"] = "状态"
ZH["score"] = "评分"
ZH["converted at"] = "转化时间"
ZH["lead"] = "线索"
ZH["leads"] = "线索"
ZH["stage"] = "阶段"
ZH["expected amount"] = "预计金额"
ZH["expected close date"] = "预计成交日期"
ZH["products of interest"] = "意向产品"
ZH["competitors"] = "竞争对手"
ZH["lost reason"] = "输单原因"
ZH["in this stage since"] = "进入本阶段时间"
ZH["opportunity"] = "商机"
ZH["opportunities"] = "商机"
ZH["when"] = "时间"
ZH["next follow-up"] = "下次跟进"
ZH["follow-up"] = "跟进记录"
ZH["follow-ups"] = "跟进记录"
ZH["Possible duplicates found."] = "发现可能重复的记录。"
ZH["Choose a valid source."] = "请选择有效的来源。"
ZH["Give the company or the contact's name."] = "请填写公司名称或联系人姓名。"
ZH["Enter a whole number."] = "请输入整数。"
ZH["A converted lead is not edited: edit its customer."] = "已转化的线索不能编辑，请编辑对应客户。"
ZH["This lead is %(state)s."] = "该线索当前状态为%(state)s。"
ZH["Choose a valid action."] = "请选择有效的操作。"
ZH["Say why the lead is disqualified."] = "请填写线索无效的原因。"
ZH["%(customer)s opportunity"] = "%(customer)s 商机"
ZH["Choose a stage of this pipeline."] = "请选择本销售流程中的阶段。"
ZH["This opportunity is %(state)s."] = "该商机当前状态为%(state)s。"
ZH["Say why the opportunity was lost."] = "请填写输单原因。"
ZH["Quotation %(number)s created."] = "已创建报价单 %(number)s。"
ZH["Choose a customer or a lead."] = "请选择客户或线索。"
ZH["Choose a valid kind."] = "请选择有效的类型。"
ZH["The next follow-up cannot be in the past."] = "下次跟进日期不能早于今天。"
ZH["This customer belongs to someone else."] = "该客户属于其他销售。"
ZH["Follow up %(name)s"] = "跟进 %(name)s"
ZH["%(customer)s went back to the public pool (no follow-up)"] = "%(customer)s 因长期未跟进已退回公海"
ZH["%(customer)s was transferred to %(owner)s"] = "%(customer)s 已转给 %(owner)s"
ZH["%(customer)s changed owner"] = "%(customer)s 的负责人已变更"
ZH["%(customer)s already has an owner."] = "%(customer)s 已有负责人。"
ZH["%(customer)s is already in the pool."] = "%(customer)s 已在公海中。"
ZH["no follow-up for %(days)s days"] = "%(days)s 天未跟进"
ZH["Contacted"] = "已联系"
ZH["Qualified"] = "有效线索"
ZH["Disqualified"] = "无效线索"
ZH["Converted"] = "已转化"
ZH["Excel import"] = "Excel 导入"
ZH["Web form"] = "网站表单"
ZH["Referral"] = "转介绍"
ZH["Exhibition"] = "展会"
ZH["Won"] = "赢单"
ZH["Lost"] = "输单"
ZH["Claimed from the pool"] = "从公海领取"
ZH["Released to the pool"] = "放回公海"
ZH["Returned to the pool (no follow-up)"] = "未跟进退回公海"
ZH["Assigned"] = "分配"
ZH["same name"] = "名称相同"
ZH["similar name (%(score)s%%)"] = "名称相似（%(score)s%%）"
ZH["name contains the other"] = "名称相互包含"
ZH["same phone"] = "电话相同"
ZH["same e-mail"] = "邮箱相同"
ZH["same tax id"] = "税号相同"
ZH["Merged partner #%(id)s into this one"] = "已将往来单位 #%(id)s 合并到本记录"
ZH["Choose two different partners."] = "请选择两个不同的往来单位。"
ZH["This partner was already merged."] = "该往来单位已被合并。"
ZH["merged into %(code)s %(name)s"] = "已合并到 %(code)s %(name)s"
ZH["%(loser)s (%(code)s) was merged into this partner: %(n)s linked records moved."] = (
    "%(loser)s（%(code)s）已合并到本往来单位：迁移关联记录 %(n)s 条。"
)

ZH["Archived (or already merged) partners are not merged."] = "已归档（或已被合并）的往来单位不能合并。"

ZH["Lead"] = "线索"

ZH["public pool"] = "公海"

ZH["Create it anyway (I checked the possible duplicates)"] = "仍然新建（已核对可能的重复记录）"
ZH["Leads"] = "线索"
ZH["Mark contacted"] = "标记已联系"
ZH["Qualify"] = "确认有效"
ZH["Region"] = "地区"
ZH["Score"] = "评分"
ZH["Reason"] = "原因"
ZH["Convert into a customer and an opportunity"] = "转化为客户和商机"
ZH["The duplicate check found these customers: link the lead to one of them, or create a new customer."] = (
    "查重发现以下客户：可将线索关联到其中之一，或新建客户。"
)
ZH["A new customer"] = "新建客户"
ZH["Opportunity"] = "商机"
ZH["Expected amount"] = "预计金额"
ZH["Expected close date"] = "预计成交日期"
ZH["Convert"] = "转化"
ZH["Disqualify"] = "标记无效"
ZH["New lead"] = "新建线索"
ZH["Possible duplicates"] = "可能重复"
ZH["If it is really a new one, tick “Create it anyway” below and save again."] = (
    "如确为新记录，请勾选下方“仍然新建”后再次保存。"
)
ZH["Pipeline"] = "销售漏斗"
ZH["Mark won"] = "标记赢单"
ZH["weighted"] = "加权"
ZH["Competitors"] = "竞争对手"
ZH["Lost reason"] = "输单原因"
ZH["Stage"] = "阶段"
ZH["Move"] = "移动"
ZH["Mark lost"] = "标记输单"
ZH["Last follow-up"] = "最近跟进"
ZH["Claim"] = "领取"
ZH["Give this customer back to the public pool?"] = "确定将该客户放回公海？"
ZH["Release to the pool"] = "放回公海"
ZH["Log a follow-up"] = "记录跟进"
ZH["What was said"] = "沟通内容"
ZH["Next follow-up"] = "下次跟进"
ZH["Log"] = "记录"
ZH["Follow-ups"] = "跟进记录"
ZH["No follow-up yet: log the first call or visit."] = "暂无跟进：记录第一次电话或拜访。"
ZH["My team"] = "本团队"
ZH["Mine"] = "我的"
ZH["All open"] = "全部进行中"
ZH["Closing this month"] = "本月成交"
ZH["Stale (30 days)"] = "停滞（30 天）"
ZH["List"] = "列表"
ZH["open"] = "进行中"
ZH["Drag an opportunity here."] = "将商机拖到这里。"
ZH["%(n)s more"] = "还有 %(n)s 个"
ZH["Weighted forecast by month"] = "按月加权预测"
ZH["Weighted"] = "加权金额"
ZH["Public pool"] = "公海"
ZH[
    "You hold %(held)s of %(limit)s customers. Customers without a follow-up for the team's number of days come back here by themselves."
] = "您当前持有 %(held)s / %(limit)s 个客户。超过团队规定天数未跟进的客户会自动退回公海。"
ZH["The pool is empty: every customer has an owner."] = "公海为空：所有客户都有负责人。"
ZH["Probability (%)"] = "赢单概率（%）"
ZH["Opportunities"] = "商机"
ZH["Opportunity or customer"] = "商机或客户"
ZH["Company name"] = "公司名称"
ZH["Source"] = "来源"
ZH["Company, contact, phone or e-mail"] = "公司、联系人、电话或邮箱"
ZH["Lead %(number)s created."] = "已创建线索 %(number)s。"
ZH["Converted: customer, contact and opportunity created."] = "已转化：客户、联系人和商机已创建。"
ZH["Follow-up logged."] = "已记录跟进。"
ZH["%(customer)s is now yours."] = "%(customer)s 现在由您负责。"
ZH["%(customer)s went back to the public pool."] = "%(customer)s 已放回公海。"
ZH["Sales follow-up"] = "销售跟进"

ZH["web form key"] = "网站表单密钥"
ZH["team receiving web leads"] = "接收网站线索的团队"
ZH["submissions per address per hour"] = "每个地址每小时可提交次数"
ZH["CRM settings"] = "客户关系设置"
ZH["This form is not known."] = "无法识别该表单。"
ZH["The submission was refused."] = "提交被拒绝。"
ZH["Too many submissions from your address: try again later."] = "您的提交过于频繁，请稍后再试。"
ZH["New web lead: %(name)s"] = "新的网站线索：%(name)s"
ZH[" (%(n)s possible duplicates)"] = "（%(n)s 条可能重复）"
ZH[
    "Paste this form on your website: each submission becomes a lead (source “web form”). The hidden field catches robots; one address may send %(n)s per hour."
] = "将此表单粘贴到贵公司网站：每次提交都会成为一条线索（来源“网站表单”）。隐藏字段用于拦截机器人；每个地址每小时最多提交 %(n)s 次。"
ZH["Thank you: we will contact you soon."] = "谢谢！我们会尽快与您联系。"

ZH["Possible duplicates: tick “Create it anyway” if this is really a new one."] = (
    "可能重复：如确为新记录，请勾选“仍然新建”。"
)

ZH["Follow-ups due"] = "待跟进"
ZH["none overdue"] = "无逾期"
ZH["My open opportunities"] = "我的进行中商机"
ZH["on the pipeline board"] = "见销售漏斗看板"
ZH["%(n)s follow-ups are overdue"] = "%(n)s 条跟进已逾期"

ZH[
    "Merge the chosen partner into this one? Its orders, invoices, payments, leads and history will belong to this one."
] = "确定将所选往来单位合并到本记录？其订单、发票、收付款、线索和历史都将归属本记录。"
ZH["Possible duplicates of this partner"] = "可能重复的往来单位"
ZH["Merge into this partner"] = "合并到本往来单位"
ZH["%(loser)s was merged into this partner."] = "%(loser)s 已合并到本往来单位。"

ZH["The file could not be read as Excel."] = "无法按 Excel 读取该文件。"
ZH["The first row must name the columns %(columns)s."] = "第一行必须包含列名：%(columns)s。"
ZH["At most 5,000 rows at a time."] = "一次最多导入 5,000 行。"
ZH["same as row %(row)s of this file"] = "与本文件第 %(row)s 行相同"
ZH["Import leads"] = "导入线索"
ZH[
    "Excel (.xlsx) or CSV (UTF-8 or GBK). First row: 公司名称, 联系人, 职务, 电话, 邮箱, 税号, 省份, 城市, 备注 (any of them). You see every row before anything is saved."
] = "Excel（.xlsx）或 CSV（UTF-8 或 GBK）。第一行为列名：公司名称、联系人、职务、电话、邮箱、税号、省份、城市、备注（任选）。保存前会逐行预览。"
ZH["%(ok)s new"] = "新线索 %(ok)s 条"
ZH["%(dups)s possible duplicates"] = "可能重复 %(dups)s 条"
ZH["%(bad)s with errors (skipped)"] = "有错误 %(bad)s 条（将跳过）"
ZH["Import the possible duplicates too"] = "可能重复的也导入"
ZH["Row"] = "行"
ZH["Check"] = "检查结果"
ZH["Possible duplicate"] = "可能重复"
ZH["new"] = "新"
ZH["The preview expired: upload the file again."] = "预览已失效，请重新上传文件。"
ZH["%(n)s leads imported."] = "已导入 %(n)s 条线索。"

ZH["CRM reports"] = "客户关系报表"
ZH["Nothing yet."] = "暂无数据。"
ZH["Conversion rate (%)"] = "转化率（%）"
ZH["Win rate (%)"] = "赢单率（%）"
ZH["Average days to win"] = "平均成交天数"
ZH["Won amount"] = "赢单金额"
ZH["Funnel by stage"] = "按阶段的销售漏斗"
ZH["Conversion by lead source"] = "各线索来源的转化"
ZH["Win rate and cycle time by salesperson"] = "各销售的赢单率与成交周期"
ZH["Follow-ups per salesperson per week"] = "各销售每周跟进次数"

ZH["Title"] = "标题"

ZH["Sales teams"] = "销售团队"
ZH["Leave empty for the computed score."] = "留空则按规则自动评分。"
ZH[
    "Big regions, provinces or cities, e.g. 华东, 北京市: leads without an owner from there go to this team."
] = "大区、省份或城市，例如 华东、北京市：来自这些地区且无负责人的线索分给本团队。"
ZH["0 = never."] = "0 = 从不回收。"
ZH["score set by hand"] = "手动评分"
ZH["Choose users of this company."] = "请选择本公司的用户。"
ZH["Two stages are named %(name)s."] = "有两个阶段都叫 %(name)s。"
ZH["A probability is between 0 and 100."] = "赢率须在 0 到 100 之间。"
ZH["Mark exactly one stage as the won stage."] = "请把且仅把一个阶段设为赢单阶段。"
ZH["A pipeline needs at least one open stage and the won stage."] = (
    "销售流程至少需要一个进行中阶段和一个赢单阶段。"
)
ZH["Stage %(names)s still holds open opportunities: move them first."] = (
    "阶段 %(names)s 中还有进行中的商机：请先移走。"
)
ZH["Lead assigned to you: %(name)s"] = "分配给你的线索：%(name)s"
ZH["Assign"] = "分配"
ZH["Take this lead"] = "领取此线索"
ZH["(set by hand)"] = "（手动）"
ZH["(computed)"] = "（自动）"
ZH["Team"] = "团队"
ZH["Company pipeline"] = "公司默认销售流程"
ZH["Pipeline stages"] = "销售阶段"
ZH["This team uses the company pipeline. Saving gives it its own copy; its opportunities move along."] = (
    "本团队目前使用公司默认销售流程。保存后本团队将拥有自己的一份，其商机随之迁移。"
)
ZH["Probability (%%)"] = "赢率（%%）"
ZH["Won stage"] = "赢单阶段"
ZH["Add a stage"] = "添加阶段"
ZH["Each team has its members, its territory, its pipeline and its public-pool rules."] = (
    "每个团队有自己的成员、销售区域、销售流程和公海规则。"
)
ZH["New sales team"] = "新建销售团队"
ZH["Team leader"] = "组长"
ZH["Territory"] = "负责区域"
ZH["Pool after (days)"] = "未跟进回收（天）"
ZH["Claim limit"] = "领取上限"
ZH["never"] = "从不"
ZH["the company pipeline"] = "公司默认销售流程"
ZH["No sales teams yet."] = "还没有销售团队。"
ZH["Used by teams without a pipeline of their own and by users outside any team."] = (
    "供没有自己销售流程的团队以及不属于任何团队的用户使用。"
)
ZH["Edit sales team"] = "编辑销售团队"
ZH["Deliveries and receipts"] = "出入库"
ZH["No deliveries yet."] = "还没有出入库记录。"
ZH["Create a CRM lead"] = "创建 CRM 线索"
ZH["E-mail from %(customer)s: %(subject)s"] = "来自 %(customer)s 的邮件：%(subject)s"
ZH["New lead from e-mail: %(name)s"] = "来自邮件的新线索：%(name)s"
ZH["Give a record as label:id, e.g. sales.salesorder:5."] = (
    "请以 label:id 的形式指定记录，例如 sales.salesorder:5。"
)
ZH["Messaging"] = "消息"
ZH["Mail"] = "站内信"
ZH["Incoming e-mail"] = "收到的邮件"
ZH["Choose at least one recipient."] = "请至少选择一个收件人。"
ZH["E-mail from %(sender)s: %(subject)s"] = "%(sender)s 发来的邮件：%(subject)s"
ZH["(no subject)"] = "（无主题）"
ZH["unverified sender"] = "发件人未验证"
ZH["Attachment %(name)s not kept: %(why)s"] = "附件 %(name)s 未保存：%(why)s"
ZH["E-mail “%(subject)s” to %(to)s bounced: %(why)s"] = "发给 %(to)s 的邮件“%(subject)s”被退回：%(why)s"
ZH["E-mail bounced: %(subject)s"] = "邮件被退回：%(subject)s"
ZH["Reply from %(sender)s: %(subject)s"] = "%(sender)s 回复：%(subject)s"
ZH["No record, no alias: kept here."] = "没有对应的单据或别名：保存在此。"
ZH["Mail to %(alias)s: %(subject)s"] = "发往 %(alias)s 的邮件：%(subject)s"
ZH["from (outside)"] = "外部发件人"
ZH["subject"] = "主题"
ZH["body"] = "正文"
ZH["sent at"] = "发送时间"
ZH["thread"] = "会话"
ZH["reply to"] = "回复"
ZH["cc"] = "抄送"
ZH["bcc"] = "密送"
ZH["internal mail"] = "站内信"
ZH["as"] = "身份"
ZH["starred"] = "星标"
ZH["archived"] = "已归档"
ZH["attempts"] = "尝试次数"
ZH["last error"] = "最近错误"
ZH["outgoing e-mail"] = "外发邮件"
ZH["outgoing e-mails"] = "外发邮件"
ZH["owners"] = "负责人"
ZH["mail alias"] = "邮件别名"
ZH["mail aliases"] = "邮件别名"
ZH["received at"] = "接收时间"
ZH["known sender"] = "已知发件人"
ZH["incoming e-mail"] = "收到的邮件"
ZH["incoming e-mails"] = "收到的邮件"
ZH["Users"] = "用户"
ZH["Roles"] = "角色"
ZH["Unknown recipient: %(value)s."] = "未知收件人：%(value)s。"
ZH["This mail was sent already."] = "这封信已经发出。"
ZH["Mail from %(sender)s: %(subject)s"] = "%(sender)s 的来信：%(subject)s"
ZH["Internal mail “%(subject)s” from %(sender)s"] = "%(sender)s 的站内信“%(subject)s”"
ZH["E-mail “%(subject)s” to %(to)s could not be sent: %(error)s"] = (
    "发给 %(to)s 的邮件“%(subject)s”未能发出：%(error)s"
)
ZH["E-mail not sent: %(subject)s"] = "邮件未发出：%(subject)s"
ZH["Sent"] = "已发送"
ZH["Cc"] = "抄送"
ZH["Bcc"] = "密送"
ZH["Inbox"] = "收件箱"
ZH["Drafts"] = "草稿箱"
ZH["Starred"] = "星标"
ZH["Queued"] = "排队中"
ZH["Failed"] = "失败"
ZH["Bounced"] = "被退回"
ZH["Reply to a record"] = "单据回复"
ZH["Mail to an alias"] = "发往别名"
ZH["Bounce"] = "退信"
ZH["Not delivered"] = "未投递"
ZH["Folders"] = "文件夹"
ZH["Write"] = "写信"
ZH["Name, department or role"] = "姓名、部门或角色"
ZH["Write mail"] = "写信"
ZH["Reply"] = "回复"
ZH["Cc / Bcc"] = "抄送 / 密送"
ZH["Subject"] = "主题"
ZH["Filed on"] = "归档到"
ZH["Formatting"] = "格式"
ZH["Bold"] = "加粗"
ZH["Italic"] = "斜体"
ZH["Underline"] = "下划线"
ZH["Numbered list"] = "编号列表"
ZH["Link"] = "链接"
ZH["Link address"] = "链接地址"
ZH["Delete draft"] = "删除草稿"
ZH[
    "What the mail gateway received: replies filed on records, mail to aliases, bounces, and what could not be delivered."
] = "邮件网关收到的邮件：归入单据的回复、发往别名的邮件、退信，以及无法投递的邮件。"
ZH["Received at"] = "接收时间"
ZH["unverified"] = "未验证"
ZH["Nothing received yet. Start the gateway with: ronghe mail-gateway"] = (
    "还没有收到邮件。启动网关：ronghe mail-gateway"
)
ZH["Reply all"] = "全部回复"
ZH["Unstar"] = "取消星标"
ZH["Star"] = "星标"
ZH["Back to inbox"] = "移回收件箱"
ZH["Mark unread"] = "标为未读"
ZH["Read"] = "已读"
ZH["Not read yet"] = "未读"
ZH["Search subject, text or sender"] = "搜索主题、正文或发件人"
ZH["No mail matches your search."] = "没有符合条件的邮件。"
ZH["Your inbox is empty."] = "收件箱是空的。"
ZH["Nothing here."] = "这里什么也没有。"
ZH["Mail sent."] = "已发送。"
ZH["E-mail queued: it is sent in the background and noted on the timeline."] = (
    "邮件已排队：将在后台发送，并记入动态。"
)
ZH["Internal mail to the owners"] = "站内信通知负责人"
ZH["Body"] = "正文"
ZH["People's free/busy"] = "人员忙闲"
ZH["Person"] = "人员"
ZH["Fapiao"] = "发票号"
ZH["%(user)s's documents"] = "%(user)s 的文档"
ZH["My documents"] = "我的文档"
ZH["No meetings with this customer yet."] = "还没有与该客户的会议。"
ZH["mail|From"] = "发件人"
ZH["mail|To"] = "收件人"
ZH["Announcements to read"] = "待读公告"
ZH["nothing new"] = "没有新公告"
ZH["audience"] = "发布范围"
ZH["pinned to the top"] = "置顶"
ZH["acknowledgement required"] = "需要确认"
ZH["published at"] = "发布时间"
ZH["published by"] = "发布人"
ZH["shown until"] = "展示截止"
ZH["withdrawn at"] = "撤回时间"
ZH["announcement"] = "公告"
ZH["announcements"] = "公告"
ZH["acknowledged at"] = "确认时间"
ZH["The date is in the past."] = "日期已过。"
ZH["Announcement to acknowledge: %(title)s"] = "请确认公告：%(title)s"
ZH["Announcement: %(title)s"] = "公告：%(title)s"
ZH["This announcement asks for no acknowledgement."] = "此公告不需要确认。"
ZH["This announcement was withdrawn."] = "此公告已撤回。"
ZH["Announcements"] = "公告"
ZH["Shown until"] = "展示截止"
ZH["Acknowledged"] = "已确认"
ZH["I have read and understood"] = "我已阅读并知悉"
ZH["Reading"] = "阅读情况"
ZH["read"] = "已读"
ZH["acknowledged"] = "已确认"
ZH["Not acknowledged yet"] = "尚未确认"
ZH["New announcement"] = "发布公告"
ZH["Leave empty for the whole company. A department includes its sub-departments."] = (
    "留空则发给全公司。部门包含其下级部门。"
)
ZH["Pin to the top"] = "置顶"
ZH["Readers must acknowledge"] = "需要阅读确认"
ZH["Publish"] = "发布"
ZH["Only mine"] = "只看发给我的"
ZH["All announcements"] = "全部公告"
ZH["Pinned"] = "置顶"
ZH["Please acknowledge"] = "请确认"
ZH["No announcements."] = "暂无公告。"
ZH["Announcement published."] = "公告已发布。"
ZH["Audience"] = "发布范围"
ZH["Acknowledged."] = "已确认。"
ZH["Documents"] = "文档"
ZH["Manage"] = "管理"
ZH["parent folder"] = "上级文件夹"
ZH["inherit the parent's permissions"] = "继承上级权限"
ZH["folder"] = "文件夹"
ZH["folders"] = "文件夹"
ZH["permission"] = "权限"
ZH["checked out by"] = "签出人"
ZH["checked out at"] = "签出时间"
ZH["document"] = "文档"
ZH["documents"] = "文档"
ZH["expires at"] = "到期时间"
ZH["A name cannot contain / or \\ or be . or .."] = "名称不能包含 / 或 \\，也不能是 . 或 .."
ZH["This name is reserved: choose another."] = "此名称为系统保留名称，请换一个。"
ZH["There is already a folder with this name here."] = "这里已有同名文件夹。"
ZH["Choose view, edit or manage."] = "请选择查看、编辑或管理。"
ZH["A personal space cannot be deleted."] = "个人空间不能删除。"
ZH["The folder is not empty."] = "文件夹不是空的。"
ZH["The company's library is full (%(used)s of %(quota)s MB used)."] = (
    "公司文档库空间已满（已用 %(used)s / %(quota)s MB）。"
)
ZH["%(name)s is already in this folder: upload a new version of it."] = (
    "%(name)s 已在此文件夹中：请上传它的新版本。"
)
ZH["%(name)s is checked out by %(user)s since %(when)s."] = "%(name)s 已被 %(user)s 于 %(when)s 签出。"
ZH["Version %(n)s uploaded"] = "已上传第 %(n)s 版"
ZH["restored from version %(n)s"] = "从第 %(n)s 版恢复"
ZH["Version %(old)s restored as version %(new)s"] = "第 %(old)s 版已恢复为第 %(new)s 版"
ZH["There is already a document with this name here."] = "这里已有同名文档。"
ZH["Only %(user)s or a manager of the folder can release it."] = "只有 %(user)s 或文件夹管理者可以解除签出。"
ZH["Between 1 and 90 days."] = "有效期为 1 到 90 天。"
ZH["Share link created, valid for %(days)s days"] = "已创建分享链接，有效期 %(days)s 天"
ZH["Wrong password."] = "密码错误。"
ZH["Search inside files"] = "搜索文件内容"
ZH["No folder yet."] = "还没有文件夹。"
ZH["Records' attachments"] = "业务单据附件"
ZH["New company folder"] = "新建公司文件夹"
ZH["Create"] = "创建"
ZH["Checked out by %(user)s"] = "%(user)s 已签出"
ZH["Download"] = "下载"
ZH["Check in"] = "签入"
ZH["Check out"] = "签出"
ZH["Delete this document and all its versions?"] = "删除此文档及其所有版本？"
ZH["Tags"] = "标签"
ZH["Uploaded at"] = "上传时间"
ZH["By"] = "上传人"
ZH["Size"] = "大小"
ZH["current"] = "当前"
ZH["New version"] = "新版本"
ZH["What changed"] = "修改说明"
ZH["Share links"] = "分享链接"
ZH["New link:"] = "新链接："
ZH["Valid until %(date)s · %(n)s downloads"] = "有效期至 %(date)s · 已下载 %(n)s 次"
ZH["password"] = "密码"
ZH["Valid for (days)"] = "有效天数"
ZH["Password (optional)"] = "密码（可选）"
ZH["Create link"] = "创建链接"
ZH["Permissions"] = "权限"
ZH["Upload files"] = "上传文件"
ZH["e.g. 合同, 2026"] = "例如 合同, 2026"
ZH["Name, description or tag"] = "名称、描述或标签"
ZH["Updated"] = "更新时间"
ZH["Checked out"] = "已签出"
ZH["This folder is empty: upload files above."] = "文件夹是空的：请在上方上传文件。"
ZH["This folder is empty."] = "文件夹是空的。"
ZH["New subfolder"] = "新建子文件夹"
ZH["Delete folder"] = "删除文件夹"
ZH["Inherit the permissions of the folders above"] = "继承上级文件夹的权限"
ZH["Untick to keep this folder to the people granted here only (e.g. 人事档案)."] = (
    "取消勾选后，只有在此授权的人才能访问（例如 人事档案）。"
)
ZH["Who may see it"] = "谁可以访问"
ZH[
    "View: open and download. Edit: also upload and new versions. Manage: also subfolders, permissions and deleting. A department includes its sub-departments; subfolders inherit."
] = "查看：打开和下载。编辑：还可上传文件和新版本。管理：还可建子文件夹、设权限和删除。部门包含其下级部门；子文件夹继承权限。"
ZH["Permission"] = "权限"
ZH["Add a user, department or role…"] = "添加用户、部门或角色…"
ZH["Personal space"] = "个人空间"
ZH["Company space"] = "公司空间"
ZH["Files attached to customers, orders, invoices and other records you may open."] = (
    "你有权查看的客户、订单、发票等单据上的附件。"
)
ZH["File name"] = "文件名"
ZH["No attachments on records you may open."] = "你能查看的单据上还没有附件。"
ZH["Search documents"] = "搜索文档"
ZH["Words in names, descriptions or inside files (PDF, Word, Excel, text)"] = (
    "名称、描述或文件内容（PDF、Word、Excel、文本）中的词"
)
ZH["Nothing found. Files are searchable a few seconds after they are uploaded."] = (
    "没有找到。文件上传几秒钟后即可被搜索。"
)
ZH["Shared file"] = "分享的文件"
ZH["This link does not work any more"] = "此链接已失效"
ZH["It expired or was revoked. Ask the sender for a new one."] = "链接已过期或被撤销，请向分享人索取新链接。"
ZH["Valid until %(date)s"] = "有效期至 %(date)s"
ZH["Uploaded: the text is indexed in the background."] = "已上传：文件内容将在后台建立索引。"
ZH["Checked out: others cannot upload versions until you check it in."] = (
    "已签出：在你签入之前，其他人不能上传新版本。"
)
ZH["Checked in."] = "已签入。"
ZH["The link no longer works."] = "链接已失效。"
ZH["Meetings"] = "会议"
ZH["Calendar"] = "日程"
ZH["Meeting rooms"] = "会议室"
ZH["The room is already booked at that time."] = "会议室在该时段已被占用。"
ZH["Does not repeat"] = "不重复"
ZH["Daily"] = "每天"
ZH["Weekly"] = "每周"
ZH["Monthly"] = "每月"
ZH["Room"] = "会议室"
ZH["No room"] = "不需要会议室"
ZH["Location or link"] = "地点或会议链接"
ZH["Repeats"] = "重复"
ZH["Times"] = "次数"
ZH["Until"] = "截止日期"
ZH["Attendees"] = "参会人"
ZH["Customer contacts"] = "客户联系人"
ZH["Agenda"] = "议程"
ZH["The end must be after the start."] = "结束时间必须晚于开始时间。"
ZH["capacity"] = "容纳人数"
ZH["equipment"] = "设备"
ZH["e.g. 投影仪, 视频会议"] = "例如 投影仪, 视频会议"
ZH["meeting room"] = "会议室"
ZH["meeting rooms"] = "会议室"
ZH["organizer"] = "组织者"
ZH["room"] = "会议室"
ZH["start"] = "开始"
ZH["end"] = "结束"
ZH["repeats"] = "重复"
ZH["agenda"] = "议程"
ZH["minutes"] = "会议纪要"
ZH["meeting"] = "会议"
ZH["meetings"] = "会议"
ZH["answer"] = "答复"
ZH["This repetition rule is not valid: %(error)s"] = "重复规则无效：%(error)s"
ZH["This repetition rule gives no date."] = "按此重复规则没有任何日期。"
ZH["Choose a room of this company."] = "请选择本公司的会议室。"
ZH["Choose contacts of this company."] = "请选择本公司的联系人。"
ZH["%(room)s seats %(n)s."] = "%(room)s 只能容纳 %(n)s 人。"
ZH["%(room)s is booked %(when)s for “%(title)s”%(more)s."] = (
    "会议室已被占用：%(room)s 在 %(when)s 有“%(title)s”%(more)s。"
)
ZH[" and %(n)s more times"] = "，另有 %(n)s 次冲突"
ZH["Meeting “%(title)s” on %(when)s"] = "会议“%(title)s”，%(when)s"
ZH["Meeting changed: %(title)s, %(when)s"] = "会议变更：%(title)s，%(when)s"
ZH["Invitation: %(title)s, %(when)s"] = "会议邀请：%(title)s，%(when)s"
ZH["%(organizer)s invites you to “%(title)s” on %(when)s%(where)s."] = (
    "%(organizer)s 邀请你参加“%(title)s”，时间 %(when)s%(where)s。"
)
ZH["Only the organizer changes the meeting."] = "只有组织者可以修改会议。"
ZH["This meeting was cancelled."] = "此会议已取消。"
ZH["Meeting cancelled: %(title)s"] = "会议取消：%(title)s"
ZH["Choose accept, tentative or decline."] = "请选择接受、暂定或拒绝。"
ZH["%(user)s: %(answer)s — %(title)s"] = "%(user)s：%(answer)s — %(title)s"
ZH["Minutes saved with %(n)s action items"] = "已保存会议纪要，含 %(n)s 项待办"
ZH["Starts at %(time)s: %(title)s%(room)s"] = "%(time)s 开始：%(title)s%(room)s"
ZH["Scheduled"] = "已安排"
ZH["No answer yet"] = "未答复"
ZH["Accepted"] = "接受"
ZH["Tentative"] = "暂定"
ZH["Declined"] = "拒绝"
ZH["My week"] = "我的一周"
ZH["Previous week"] = "上一周"
ZH["This week"] = "本周"
ZH["Next week"] = "下一周"
ZH["Rooms"] = "会议室"
ZH["Subscribe"] = "订阅"
ZH["New meeting"] = "预约会议"
ZH["Organizer"] = "组织者"
ZH["Add to my calendar (.ics)"] = "加入我的日历（.ics）"
ZH["Cancel this meeting for everyone?"] = "为所有人取消此会议？"
ZH["Cancel meeting"] = "取消会议"
ZH["Minutes"] = "会议纪要"
ZH["Action items"] = "待办事项"
ZH["New action items"] = "新增待办"
ZH["What is to be done"] = "要做的事"
ZH["Another item"] = "再加一项"
ZH["Save minutes"] = "保存纪要"
ZH["Next times"] = "接下来的时间"
ZH["About"] = "关于"
ZH["The room is already booked:"] = "会议室已被占用："
ZH["Choose another room or time, or look at the rooms' free/busy view."] = (
    "请换一个会议室或时间，或查看会议室占用情况。"
)
ZH["Already in a meeting then:"] = "该时段已有会议："
ZH["Book and invite"] = "预约并邀请"
ZH["Day"] = "日"
ZH["Week"] = "周"
ZH["Today"] = "今天"
ZH["Book a room"] = "预约会议室"
ZH["seats"] = "座"
ZH["free"] = "空闲"
ZH["No rooms yet: add them in the admin."] = "还没有会议室：请在后台添加。"
ZH["Subscribe to my calendar"] = "订阅我的日历"
ZH[
    "Add this address to Outlook, Apple Calendar, Google Calendar or your phone (subscribe / add calendar from URL): your meetings appear there and follow every change."
] = "把这个地址添加到 Outlook、苹果日历、谷歌日历或手机日历（订阅 / 通过网址添加日历）：你的会议会出现在那里，并随每次变更同步。"
ZH["Calendar address"] = "日历地址"
ZH["Open in my calendar program"] = "在日历程序中打开"
ZH["Anyone with this address can read your meetings. If it leaked, make a new one:"] = (
    "任何拿到此地址的人都能看到你的会议。如已泄露，请生成新地址："
)
ZH["New address"] = "生成新地址"
ZH["Meeting booked: the attendees are invited."] = "会议已预约，已向参会人发出邀请。"
ZH["Your answer is sent to the organizer."] = "你的答复已发送给组织者。"
ZH["Meeting cancelled: the attendees are told."] = "会议已取消，已通知参会人。"
ZH["Minutes saved: %(n)s action items are on their owners' to-do lists."] = (
    "纪要已保存：%(n)s 项待办已进入负责人的待办列表。"
)
ZH["Meeting moved: the attendees are told."] = "会议已改期，已通知参会人。"
ZH["A new address: the old one no longer works."] = "已生成新地址，旧地址失效。"
ZH["A number or text in the request is out of the allowed range."] = "请求中的数字或文字超出允许范围。"
ZH["Enter a month from 1 to 12 of a valid year."] = "请输入有效年份中 1 到 12 的月份。"
PLURALS = {
    "repeats, %(n)s time": "重复，共 %(n)s 次",
    "Read receipts (%(n)s recipient)": "已读回执（%(n)s 位收件人）",
    "%(n)s line": "%(n)s 行",
    "%(n)s follower": "%(n)s 位关注人",
    "%(n)s overdue": "%(n)s 项已逾期",
    "%(n)s attached document": "附单据 %(n)s 张",
}

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
        if e.msgctxt:  # a word that reads differently in another place: ZH["context|msgid"]
            key = f"{e.msgctxt}|{e.msgid}"
            if key in ZH:
                e.msgstr = ZH[key]
            elif not e.msgstr:
                missing.append(key)
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
            continue
        if "fuzzy" in e.flags and e.msgid not in ZH and e.msgid not in PLURALS:
            e.msgstr = ""  # a fuzzy guess from a similar string is not a translation
            e.msgstr_plural = {k: "" for k in e.msgstr_plural}
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
