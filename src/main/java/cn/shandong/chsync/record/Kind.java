package cn.shandong.chsync.record;

/**
 * The kinds of hours on Yantai's registration form (烟人社字〔2024〕25号 附件2): 培训进修类 (TRAINING,
 * online study included), 自学类 (SELF_STUDY), 折算类 in its two rows — 成果、论文著作类
 * (CONVERTED_WORKS) and 服务基层活动 (CONVERTED_SERVICE) — and 其他类 (OTHER). CONVERTED is a 折算
 * record whose platform does not say which row it belongs to. How each counts is a rule of
 * compliance-rules.yaml, not of this type.
 */
public enum Kind {
    TRAINING, SELF_STUDY, CONVERTED, CONVERTED_WORKS, CONVERTED_SERVICE, OTHER
}
