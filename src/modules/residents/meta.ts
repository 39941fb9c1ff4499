import {
  AGE_TAGS, CORRECTION_FIELD_LABELS, GENDER_LABELS, ID_TYPE_LABELS, POLITICAL_LABELS, REGISTRATION_LABELS, RELATION_LABELS, TAG_LABELS, TENURE_LABELS,
  labelList,
} from './rules.js';

const STATUS_LABELS = {
  active: { zh: '有效', en: 'active' }, inactive: { zh: '已注销', en: 'inactive' }, anonymized: { zh: '已匿名', en: 'anonymized' },
};

/** The label tables forms use, built once from the rules (so the UI never copies them). */
export const RESIDENT_META = {
  idTypes: labelList(ID_TYPE_LABELS),
  genders: labelList(GENDER_LABELS),
  relations: labelList(RELATION_LABELS),
  politicalStatuses: labelList(POLITICAL_LABELS),
  registrationTypes: labelList(REGISTRATION_LABELS),
  tags: labelList(TAG_LABELS).map((t) => ({ ...t, derived: (AGE_TAGS as readonly string[]).includes(t.value) })),
  tenures: labelList(TENURE_LABELS),
  statuses: labelList(STATUS_LABELS),
  correctionFields: labelList(CORRECTION_FIELD_LABELS),
};
