//! The layout of 《政府网站工作年度报表》: its blocks in order, and the fields only other
//! systems can fill (visits, the service platform, letters, security, new media).

/// Fields of the form that content cannot give: (section, key, label, unit).
pub const PENDING: &[(&str, &str, &str, &str)] = &[
    ("办事服务", "service.registered_users", "注册用户数", "万"),
    ("办事服务", "service.cases_total", "办件量：总数", "万件"),
    (
        "办事服务",
        "service.cases_person",
        "办件量：自然人办件量",
        "万件",
    ),
    (
        "办事服务",
        "service.cases_legal",
        "办件量：法人办件量",
        "万件",
    ),
    (
        "互动交流",
        "interact.unified_platform",
        "是否使用统一平台",
        "",
    ),
    (
        "互动交流",
        "interact.letters_received",
        "留言办理：收到留言数量",
        "条",
    ),
    (
        "互动交流",
        "interact.letters_done",
        "留言办理：办结留言数量",
        "条",
    ),
    (
        "互动交流",
        "interact.letters_days",
        "留言办理：平均办理时间",
        "天",
    ),
    (
        "互动交流",
        "interact.letters_public",
        "留言办理：公开答复数量",
        "条",
    ),
    (
        "互动交流",
        "interact.surveys",
        "征集调查：征集调查期数",
        "期",
    ),
    (
        "互动交流",
        "interact.survey_opinions",
        "征集调查：收到意见数量",
        "条",
    ),
    (
        "互动交流",
        "interact.survey_results",
        "征集调查：公布调查结果期数",
        "期",
    ),
    (
        "互动交流",
        "interact.interviews",
        "在线访谈：访谈期数",
        "期",
    ),
    (
        "互动交流",
        "interact.interview_questions",
        "在线访谈：网民留言数量",
        "条",
    ),
    (
        "互动交流",
        "interact.interview_answers",
        "在线访谈：答复网民提问数量",
        "条",
    ),
    ("互动交流", "interact.smart_qa", "是否提供智能问答", ""),
    ("安全防护", "security.assessments", "安全检测评估次数", "次"),
    ("安全防护", "security.issues", "发现问题数量", "个"),
    ("安全防护", "security.fixed", "问题整改数量", "个"),
    (
        "安全防护",
        "security.monitoring",
        "是否建立安全监测预警机制",
        "",
    ),
    ("安全防护", "security.drills", "是否开展应急演练", ""),
    ("安全防护", "security.owner", "是否明确网站安全负责人", ""),
    ("移动新媒体", "media.has", "是否有移动新媒体", ""),
    (
        "移动新媒体",
        "media.weibo",
        "微博：名称、信息发布量、关注量",
        "",
    ),
    (
        "移动新媒体",
        "media.wechat",
        "微信：名称、信息发布量、订阅数",
        "",
    ),
    ("移动新媒体", "media.other", "其他", ""),
    ("创新发展", "innovation.search_service", "搜索即服务", ""),
    ("创新发展", "innovation.languages", "多语言版本", ""),
    ("创新发展", "innovation.accessibility", "无障碍浏览", ""),
    ("创新发展", "innovation.personalised", "千人千网", ""),
    ("创新发展", "innovation.other", "其他", ""),
];

/// The order of the blocks, as on the form.
pub const SECTIONS: &[&str] = &[
    "网站基本信息",
    "信息发布",
    "专栏专题",
    "解读回应",
    "办事服务",
    "互动交流",
    "安全防护",
    "移动新媒体",
    "创新发展",
];
