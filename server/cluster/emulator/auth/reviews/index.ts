/**
 * The review APIs as pure handlers: request object in, response object out (or an ApiError thrown).
 * Bodies arrive already decoded to JSON objects; the caller authorizes the create first, as for any
 * other resource (`create` on `selfsubjectaccessreviews` etc., which system:basic-user grants).
 */
import { localSubjectAccessReview, selfSubjectAccessReview, subjectAccessReview } from './access-reviews.ts';
import { selfSubjectReview, tokenReview } from './authentication-reviews.ts';
import { selfSubjectRulesReview } from './rules-review.ts';

export const reviews = {
  selfSubjectAccessReview,
  subjectAccessReview,
  localSubjectAccessReview,
  selfSubjectRulesReview,
  selfSubjectReview,
  tokenReview,
};

export { localSubjectAccessReview, selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview, subjectAccessReview, tokenReview };
