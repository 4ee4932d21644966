package io.attain.targets.domain.decomposition;

/** An axis a target can be split along. A plan may use a dimension at several levels (quarter, then month). */
public enum Dimension {
    /** year → quarter → month, usually with seasonality weights. */
    TIME,
    /** company → department/team → rep. */
    ORG,
    /** 产品线. */
    PRODUCT_LINE,
    /** 区域. */
    REGION,
    /** 客户类型: KA / 腰部 / 长尾, or large / mid / small. */
    CUSTOMER_TIER,
    /** 直销 / 分销 / 电商 / 渠道伙伴. */
    CHANNEL,
    /** New versus existing customers. */
    NEW_VS_EXISTING
}
