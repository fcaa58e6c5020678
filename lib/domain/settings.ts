/**
 * Named settings with their defaults and where each comes from. The settings table overrides them
 * per district; nothing else in the code writes these numbers as literals.
 */
export const SETTING_DEFAULTS = {
  /** Red/black flag accountability (二七区“路长制”方案 红黑旗评比: 连续 3 个月黑旗或全年累计 4 面黑旗问责；黑旗后次月红旗抵消 1 面). */
  'rating.consecutiveBlackLimit': 3,
  'rating.yearlyBlackLimit': 4,
  'rating.redOffsetsPrecedingBlack': true,
  /** The counting year starts in this month (1 = January). */
  'rating.yearStartMonth': 1,
  /**
   * 门前三包 appeals (issue 7; no seed value): a merchant may appeal a black flag this many days after its month
   * is locked (published); attempts per IP and per merchant, counted before the identity code is checked.
   */
  'rating.appealWindowDays': 30,
  'appeal.attemptsPer10MinutesPerIp': 10,
  'appeal.attemptsPerMerchantPerDay': 10,
  /** 随手拍 anti-abuse (issue 5 defaults). */
  'report.rateLimitPer10Minutes': 5,
  'report.rateLimitPerDay': 20,
  /** Reports from browsers that ran no script carry no proof of work; across the whole district they get this many an hour. */
  'report.noScriptPerHour': 60,
  /**
   * 随手拍 proof of work (altcha PBKDF2/SHA-256): iterations per attempt, and the largest secret counter (the
   * counter is drawn from its upper half). ~0.25 s in desktop Chromium, est. 0.5–1 s on a mid-range phone
   * (docs/decisions.md, scripts/bench/pow.ts).
   */
  'report.powCost': 5000,
  'report.powMaxCounter': 400,
  /** 随手拍 photos (issue 5): phones make 12–50 MP photos of a few MB; the bad inputs include a 30 MB file and a 100 MP PNG. */
  'report.maxPhotos': 4,
  'report.maxPhotoBytes': 10 * 1024 * 1024,
  'report.maxPhotoPixels': 60_000_000,
  /**
   * 查进度 (issue 5): lookups per IP, and lookups per case number (a phone's last 4 digits are only 10,000
   * guesses). Every attempt on a number counts, not only failures: the refusal must come before the pair is checked.
   */
  'track.lookupsPer10MinutesPerIp': 30,
  'track.lookupsPerCasePerDay': 10,
  /** Days after closure during which the reporter may answer 问题未解决 and reopen the case. */
  'track.reopenWindowDays': 7,
  /** Office day for working-hour deadlines (hours after local midnight, CST). */
  'cases.workingDayStartHour': 9,
  'cases.workingDayEndHour': 17,
  /** Physical board sizes in centimetres (landscape street board, portrait pole board). */
  'signboard.landscapeSizeCm': [120, 80] as [number, number],
  'signboard.portraitSizeCm': [60, 90] as [number, number],
  /** A merchant's 《市容环境卫生责任牌》 (landscape, hung by the shop door). */
  'signboard.merchantSizeCm': [60, 40] as [number, number],
  /** Branding shown on pages and boards. */
  'district.name': '清河区',
  'district.city': '江城市',
  'district.hotline': '12319',
  'district.primaryColor': '#0b5cab',
  'district.accentColor': '#c62828',
  /**
   * The district's emblem on boards: a media id, 0 for none (ids start at 1; not null, because a
   * setting's value is a NOT NULL jsonb and the seed writes every default).
   */
  'district.logoMediaId': 0,
  /**
   * Staff sign-in (issue 6): failed attempts from one IP address in a fixed window, on top of the
   * per-account lockout (5 in a row → 15 minutes), so one address cannot try many accounts.
   */
  'auth.ipFailedLoginsPerWindow': 20,
  'auth.ipFailedLoginWindowMinutes': 15,
  /** 曝光台 / 点赞榜 (issue 8): publishing needs a second person (the editor cannot publish their own entry). */
  'publication.requireSecondReviewer': true,
  /** 点赞 from one IP address per hour (one per device and entry regardless). */
  'publication.likesPerHourPerIp': 60,
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;
export type SettingValue<K extends SettingKey> = (typeof SETTING_DEFAULTS)[K] extends readonly [number, number]
  ? [number, number]
  : (typeof SETTING_DEFAULTS)[K] extends string
    ? string
    : (typeof SETTING_DEFAULTS)[K] extends number
      ? number
      : boolean;
